"""``odoo-bin import -d DB --model MODEL FILE.csv``: load a CSV file, all rows or none."""
import csv

from framework.config import config

from .common import environment, require_database, setup
from .errors import CliError


def _parser():
    parser = config.build_parser(prog='odoo-bin import')
    parser.add_argument('--model', required=True, help='technical model name, e.g. res.partner')
    parser.add_argument('file', help='CSV file whose header row names the fields')
    return parser


def read_csv(path):
    """Return ``(fields, rows, lines)``: the header, the data rows and each row's first line number."""
    try:
        with open(path, newline='', encoding='utf-8') as f:
            reader = csv.reader(f)
            fields = next(reader, None)
            rows, lines = [], []
            start = reader.line_num + 1
            for row in reader:
                rows.append(row)
                lines.append(start)
                start = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CliError(f"cannot read {path}: {exc}", code=2) from None
    if not fields:
        raise CliError(f"{path} is empty: the first line must name the fields", code=2)
    return fields, rows, lines


def run(argv):
    """Run the import command; return the exit code."""
    args = setup(argv, _parser())
    dbname = config['db_name']
    require_database(dbname, 'import')
    fields, rows, lines = read_csv(args.file)
    with environment(dbname) as env:
        try:
            model = env[args.model]
        except KeyError:
            raise CliError(f"model '{args.model}' does not exist in database '{dbname}'") from None
        result = model.load(fields, rows)
        errors = [m for m in result.get('messages', []) if m.get('type') == 'error']
        if errors:
            env.cr.rollback()
            for message in errors:
                print(f"{args.file} line {_line(message, lines)}: {message.get('message')}")
            return 1
        env.cr.commit()
    print(f"imported {len([i for i in result.get('ids') or [] if i])} records")
    return 0


def _line(message, lines):
    """The file line a load() message is about (row index -> line, header -> 1)."""
    index = message.get('record')
    if index is None:
        index = (message.get('rows') or {}).get('from')
    if index is None:
        return 1  # not about a row: about the header line (a column name)
    if not 0 <= index < len(lines):
        return '?'
    return lines[index]
