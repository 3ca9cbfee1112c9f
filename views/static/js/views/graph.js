/**
 * The graph view: the search's records grouped by the arch's first field
 * (the x axis) and summed over the fields marked `operator="+"` (the
 * measures), drawn as inline SVG bars or a pie. A group-by chosen in the
 * search splits each bar into stacked series.
 *
 * One `read_group` call (not lazy) gives every number; the SVG scales
 * with its container through its viewBox, so it fits a phone as it fits a
 * desktop.
 */
import { call } from '../rpc.js';
import { el, childElements } from '../dom.js';
import { notifyError } from '../notify.js';
import { userLocale as sessionLocale } from '../session.js';
import { formatFloat, selectionLabel } from '../fields/format.js';
import { _t } from '../translate.js';

/** The user's language as Intl takes it (English when Intl does not know it). */
function userLocale() {
    try {
        return Intl.getCanonicalLocales(sessionLocale())[0] || 'en-US';
    } catch (error) {
        return 'en-US';
    }
}

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#4c7bd1', '#d1744c', '#3f9f6b', '#a35dc2', '#c9a227', '#d14c7b', '#2f9fb0',
    '#7a8a2f', '#8c5a3c', '#5a63c9', '#c25d5d', '#4f8f8f'];
const COUNT = '__count';
/** the widest drawing, in SVG units (≈ CSS pixels when shown at that width) */
const MAX_WIDTH = 800;
const MIN_WIDTH = 320;


/** An SVG element; children as in `el()` (text is text, never markup). */
function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value !== null && value !== undefined && value !== false) {
            node.setAttribute(name, String(value));
        }
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

function shorten(text, length) {
    return text.length > length ? text.slice(0, length - 1) + '…' : text;
}

/** A round step for about `count` ticks up to `max`. */
function niceStep(max, count = 5) {
    const raw = max / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const fraction = raw / power;
    const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    return nice * power;
}

export class GraphView {
    constructor(env) {
        this.env = env;
        this.viewManager = env.viewManager;
        const arch = env.arch;
        this.title = arch.getAttribute('string') || '';
        const fields = childElements(arch).filter((node) => node.tagName === 'field' && env.fields[node.getAttribute('name')]);
        this.groupField = fields.length ? fields[0].getAttribute('name') : null;
        this.measures = fields.slice(1).filter((node) => node.getAttribute('operator') === '+')
            .map((node) => node.getAttribute('name'));
        this.measure = this.measures[0] || COUNT;
        this.mode = arch.getAttribute('type') === 'pie' ? 'pie' : 'bar';
        this.groups = [];
        this.groupBy = [];
        this.element = null;
        this.loadToken = 0;
        this.width = MAX_WIDTH;
        // the drawing is made for its width, so text keeps its size on a phone
        this.resizeObserver = new ResizeObserver(() => {
            if (Math.abs(this.drawingWidth() - this.width) > 40) {
                this.render();
            }
        });
    }

    drawingWidth() {
        const available = this.element ? this.element.clientWidth : MAX_WIDTH;
        return Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, available || MAX_WIDTH)));
    }

    async mount(element) {
        if (!this.groupField) {
            throw new Error(_t('The graph view of %s needs a first field to group by.', this.env.model));
        }
        this.element = el('div', { class: 'o_graph_view' });
        element.appendChild(this.element);
        this.resizeObserver.observe(this.element);
        await this.reload();
    }

    canLeave() {
        return Promise.resolve(true);
    }

    destroy() {
        this.loadToken += 1;
        this.resizeObserver.disconnect();
        if (this.element) {
            this.element.remove();
        }
    }

    async reload() {
        const token = ++this.loadToken;
        const state = this.viewManager.searchState();
        const second = (state.groupBy || []).find((spec) => spec && spec.split(':')[0] !== this.groupField);
        const groupBy = second ? [this.groupField, second] : [this.groupField];
        let groups = [];
        try {
            groups = await call(this.env.model, 'read_group', [state.domain || [], this.measures, groupBy],
                { lazy: false, context: state.context });
        } catch (error) {
            notifyError(error);
        }
        if (token !== this.loadToken) {
            return;
        }
        this.groups = groups;
        this.groupBy = groupBy;
        this.context = state.context;
        this.render();
    }

    measureLabel(name) {
        return name === COUNT ? _t('Count') : (this.env.fields[name].string || name);
    }

    formatMeasure(value) {
        const field = this.env.fields[this.measure];
        if (this.measure === COUNT || (field && field.type === 'integer')) {
            return new Intl.NumberFormat(userLocale()).format(value);
        }
        return formatFloat(value, field && field.digits && field.digits[1] !== undefined ? field.digits[1] : 2);
    }

    /** The label of a group's value for the group-by `spec`. */
    groupLabel(spec, value) {
        const field = this.env.fields[spec.split(':')[0]] || {};
        if (value === false || value === null || value === undefined) {
            return _t('Undefined');
        }
        if (Array.isArray(value)) {
            return String(value[1] || '');
        }
        if (field.type === 'selection') {
            return String(selectionLabel(value, field));
        }
        if (field.type === 'boolean') {
            return value ? _t('Yes') : _t('No');
        }
        return String(value);
    }

    /** `{keys: [{key, label, groups: []}], series: [{key, label}], value(xKey, seriesKey)}` */
    dataset() {
        const [xSpec, seriesSpec] = this.groupBy;
        const keyOf = (value) => JSON.stringify(Array.isArray(value) ? value[0] : value);
        const keys = new Map();
        const series = new Map();
        const values = new Map();
        for (const group of this.groups) {
            const xKey = keyOf(group[xSpec]);
            if (!keys.has(xKey)) {
                keys.set(xKey, { key: xKey, label: this.groupLabel(xSpec, group[xSpec]), groups: [] });
            }
            keys.get(xKey).groups.push(group);
            const sKey = seriesSpec ? keyOf(group[seriesSpec]) : this.measure;
            if (!series.has(sKey)) {
                series.set(sKey, { key: sKey, label: seriesSpec ? this.groupLabel(seriesSpec, group[seriesSpec]) : this.measureLabel(this.measure) });
            }
            const value = Number(group[this.measure] || 0);
            values.set(`${xKey}\u0000${sKey}`, { value, group });
        }
        const seriesList = [...series.values()];
        seriesList.forEach((item, index) => { item.color = PALETTE[index % PALETTE.length]; });
        return { keys: [...keys.values()], series: seriesList, cell: (x, s) => values.get(`${x}\u0000${s}`) || null };
    }

    // --- drawing -------------------------------------------------------

    render() {
        if (!this.element) {
            return;
        }
        const data = this.dataset();
        this.width = this.drawingWidth();
        const chart = !data.keys.length
            ? el('p', { class: 'o_graph_empty o_view_nocontent' }, _t('No data to show: change the search to see a graph.'))
            : (this.mode === 'pie' ? this.renderPie(data) : this.renderBars(data));
        this.element.replaceChildren(this.renderControls(), el('div', { class: 'o_graph_canvas' }, chart));
    }

    renderControls() {
        const modeButton = (mode, label) => el('button', {
            type: 'button', class: `o_button o_graph_${mode}_mode` + (this.mode === mode ? ' active' : ''),
            'aria-pressed': this.mode === mode ? 'true' : 'false',
            onclick: () => { this.mode = mode; this.render(); },
        }, label);
        let selector = null;
        if (this.measures.length) {
            // the count is always there to compare with
            const measures = [...this.measures, COUNT];
            selector = el('label', { class: 'o_graph_measure_label' }, _t('Measure'), ' ',
                el('select', {
                    class: 'o_graph_measure',
                    onchange: (event) => { this.measure = event.target.value; this.render(); },
                }, measures.map((name) => el('option', { value: name, selected: name === this.measure }, this.measureLabel(name)))));
        }
        return el('div', { class: 'o_graph_controls' },
            el('div', { class: 'o_graph_modes', role: 'group' }, modeButton('bar', _t('Bar chart')), modeButton('pie', _t('Pie chart'))),
            selector);
    }

    /** The title of the graph: what is measured, by what. */
    chartTitle() {
        const field = this.env.fields[this.groupField];
        return _t('%s by %s', this.measureLabel(this.measure), field.string || this.groupField);
    }

    legend(series, x, y, maxWidth) {
        const legend = svg('g', { class: 'o_graph_legend' });
        let cx = x;
        let cy = y;
        for (const item of series) {
            const label = shorten(item.label, 28);
            const width = 22 + label.length * 7;
            if (cx + width > x + maxWidth && cx > x) {
                cx = x;
                cy += 20;
            }
            legend.appendChild(svg('g', { class: 'o_graph_legend_item' },
                svg('rect', { x: cx, y: cy - 10, width: 12, height: 12, rx: 2, fill: item.color }),
                svg('text', { x: cx + 17, y: cy, class: 'o_graph_legend_text' }, label, svg('title', {}, item.label))));
            cx += width + 10;
        }
        return { node: legend, bottom: cy + 8 };
    }

    renderBars(data) {
        const { keys, series } = data;
        const WIDTH = this.width;
        const HEIGHT = WIDTH < 560 ? 360 : 440;
        const root = svg('svg', {
            class: 'o_graph o_graph_bar_chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%',
            preserveAspectRatio: 'xMidYMid meet', role: 'img', 'aria-label': this.chartTitle(),
        }, svg('title', {}, this.chartTitle()));
        let top = 16;
        if (series.length > 1 || this.groupBy.length > 1) {
            const legend = this.legend(series, 70, 20, WIDTH - 90);
            root.appendChild(legend.node);
            top = legend.bottom + 12;
        }
        // slanted labels when they do not fit side by side
        const rotate = keys.some((key) => key.label.length * 6.5 > (WIDTH - 88) / keys.length);
        const bottomMargin = rotate ? 110 : 64;
        const left = 72;
        const right = 16;
        const plotW = WIDTH - left - right;
        const plotH = HEIGHT - top - bottomMargin;
        // stacked totals, positive and negative parts apart
        let max = 0;
        let min = 0;
        for (const key of keys) {
            let up = 0;
            let down = 0;
            for (const item of series) {
                const cell = data.cell(key.key, item.key);
                if (cell) {
                    if (cell.value >= 0) { up += cell.value; } else { down += cell.value; }
                }
            }
            max = Math.max(max, up);
            min = Math.min(min, down);
        }
        if (max === min) {
            max = 1;
        }
        const step = niceStep(max - min);
        max = Math.ceil(max / step) * step;
        min = Math.floor(min / step) * step;
        const y = (value) => top + plotH - ((value - min) / (max - min)) * plotH;
        const compact = new Intl.NumberFormat(userLocale(), { notation: 'compact', maximumFractionDigits: 1 });
        const axis = svg('g', { class: 'o_graph_axis' });
        for (let tick = min; tick <= max + step / 2; tick += step) {
            axis.appendChild(svg('line', { x1: left, x2: WIDTH - right, y1: y(tick), y2: y(tick), class: tick === 0 ? 'o_graph_zero' : 'o_graph_gridline' }));
            axis.appendChild(svg('text', { x: left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'o_graph_tick' }, compact.format(tick)));
        }
        axis.appendChild(svg('text', {
            class: 'o_graph_axis_label', 'text-anchor': 'middle',
            transform: `translate(16 ${top + plotH / 2}) rotate(-90)`,
        }, this.measureLabel(this.measure)));
        axis.appendChild(svg('text', { class: 'o_graph_axis_label', x: left + plotW / 2, y: HEIGHT - 8, 'text-anchor': 'middle' },
            this.env.fields[this.groupField].string || this.groupField));
        root.appendChild(axis);
        const slot = plotW / keys.length;
        const barW = Math.min(80, slot * 0.7);
        const bars = svg('g', { class: 'o_graph_bars' });
        keys.forEach((key, index) => {
            const x = left + slot * index + (slot - barW) / 2;
            let up = 0;
            let down = 0;
            for (const item of series) {
                const cell = data.cell(key.key, item.key);
                if (!cell || !cell.value) {
                    continue;
                }
                const from = cell.value >= 0 ? up : down;
                const to = from + cell.value;
                if (cell.value >= 0) { up = to; } else { down = to; }
                const tip = series.length > 1 || this.groupBy.length > 1
                    ? `${key.label} / ${item.label}: ${this.formatMeasure(cell.value)}`
                    : `${key.label}: ${this.formatMeasure(cell.value)}`;
                const rect = svg('rect', {
                    class: 'o_graph_bar', x, width: barW, y: Math.min(y(from), y(to)),
                    height: Math.max(1, Math.abs(y(from) - y(to))), fill: item.color,
                    'data-index': index, tabindex: 0,
                }, svg('title', {}, tip));
                rect.addEventListener('click', () => this.openGroup(cell.group.__domain, tip));
                rect.addEventListener('keydown', (event) => {
                    if (event.key === 'Enter') { this.openGroup(cell.group.__domain, tip); }
                });
                bars.appendChild(rect);
            }
            const total = up + down;
            bars.appendChild(svg('text', {
                class: 'o_graph_value', x: x + barW / 2, y: (total >= 0 ? y(up) : y(down) + 14) - 4, 'text-anchor': 'middle',
                'font-size': keys.length > 12 ? 9 : 12,
            }, compact.format(total)));
            const labelY = top + plotH + 16;
            const label = svg('text', {
                class: 'o_graph_tick o_graph_x_label', x: left + slot * index + slot / 2, y: labelY,
                'text-anchor': rotate ? 'end' : 'middle',
                transform: rotate ? `rotate(-35 ${left + slot * index + slot / 2} ${labelY})` : null,
            }, shorten(key.label, rotate ? 16 : Math.max(4, Math.floor(slot / 7))), svg('title', {}, key.label));
            bars.appendChild(label);
        });
        root.appendChild(bars);
        return root;
    }

    renderPie(data) {
        const slices = data.keys.map((key) => {
            let value = 0;
            const groups = [];
            for (const item of data.series) {
                const cell = data.cell(key.key, item.key);
                if (cell) {
                    value += cell.value;
                    groups.push(cell.group);
                }
            }
            return { key, value, groups };
        }).filter((slice) => slice.value > 0);
        const total = slices.reduce((sum, slice) => sum + slice.value, 0);
        if (!total) {
            return el('p', { class: 'o_graph_empty o_view_nocontent' },
                'A pie needs positive values: nothing here is above zero for this measure.');
        }
        // wide: the legend right of the pie; narrow: under it
        const WIDTH = this.width;
        const narrow = WIDTH < 560;
        const r = narrow ? Math.min(150, WIDTH / 2 - 20) : 180;
        const cx = narrow ? WIDTH / 2 : 210;
        const cy = r + 20;
        const legendX = narrow ? 16 : 430;
        const legendY = narrow ? 2 * r + 60 : 40;
        const rows = Math.min(slices.length, 18) + (slices.length > 18 ? 1 : 0);
        const HEIGHT = narrow ? legendY + rows * 21 : Math.max(2 * r + 40, legendY + rows * 21);
        const root = svg('svg', {
            class: 'o_graph o_graph_pie_chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%',
            preserveAspectRatio: 'xMidYMid meet', role: 'img', 'aria-label': this.chartTitle(),
        }, svg('title', {}, this.chartTitle()));
        let angle = -Math.PI / 2;
        const group = svg('g', { class: 'o_graph_slices' });
        const legendItems = [];
        slices.forEach((slice, index) => {
            const color = PALETTE[index % PALETTE.length];
            const sweep = (slice.value / total) * Math.PI * 2;
            const end = angle + sweep;
            let d;
            if (slices.length === 1) {
                d = `M ${cx} ${cy - r} A ${r} ${r} 0 1 1 ${cx - 0.01} ${cy - r} Z`;
            } else {
                const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
                const [x2, y2] = [cx + r * Math.cos(end), cy + r * Math.sin(end)];
                d = `M ${cx} ${cy} L ${x1} ${y1} A ${r} ${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${x2} ${y2} Z`;
            }
            const percent = (slice.value / total) * 100;
            const tip = `${slice.key.label}: ${this.formatMeasure(slice.value)} (${percent.toFixed(1)}%)`;
            const path = svg('path', { class: 'o_graph_slice', d, fill: color, 'data-index': index, tabindex: 0 }, svg('title', {}, tip));
            if (slice.groups.length === 1) {
                path.addEventListener('click', () => this.openGroup(slice.groups[0].__domain, tip));
            }
            group.appendChild(path);
            if (percent >= 5) {
                const middle = angle + sweep / 2;
                group.appendChild(svg('text', {
                    class: 'o_graph_slice_label', x: cx + r * 0.65 * Math.cos(middle), y: cy + r * 0.65 * Math.sin(middle) + 4,
                    'text-anchor': 'middle',
                }, `${Math.round(percent)}%`));
            }
            legendItems.push({ label: `${slice.key.label} (${this.formatMeasure(slice.value)})`, color });
            angle = end;
        });
        root.appendChild(group);
        const legend = svg('g', { class: 'o_graph_legend' });
        const shown = legendItems.slice(0, 18);
        shown.forEach((item, index) => {
            const ly = legendY + index * 21;
            legend.appendChild(svg('g', { class: 'o_graph_legend_item' },
                svg('rect', { x: legendX, y: ly - 11, width: 13, height: 13, rx: 2, fill: item.color }),
                svg('text', { x: legendX + 20, y: ly, class: 'o_graph_legend_text' }, shorten(item.label, narrow ? Math.floor((WIDTH - 50) / 7) : 44), svg('title', {}, item.label))));
        });
        if (legendItems.length > shown.length) {
            legend.appendChild(svg('text', { x: legendX + 20, y: legendY + shown.length * 21, class: 'o_graph_legend_text' },
                _t('and %s more', legendItems.length - shown.length)));
        }
        root.appendChild(legend);
        return root;
    }

    /** Show the records behind a bar or a slice in a list, one breadcrumb further. */
    openGroup(domain, label) {
        if (!domain || !this.viewManager.views.list) {
            return;
        }
        const views = [[this.viewManager.views.list.id || false, 'list']];
        if (this.viewManager.views.form) {
            views.push([this.viewManager.views.form.id || false, 'form']);
        }
        this.viewManager.doAction({
            type: 'ir.actions.act_window', name: `${this.title || this.viewManager.action.name || ''}: ${label}`.replace(/^: /, ''),
            res_model: this.env.model, views, domain, context: this.context || {}, target: 'current',
        });
    }
}
