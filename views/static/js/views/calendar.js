/**
 * The calendar view: the records of the search placed on a month, week or
 * day, by the arch's `date_start` and `date_stop` (or `date_delay`, in
 * hours), coloured by the `color` field, labelled by the arch's fields.
 *
 * Days are the user's days: datetimes (UTC on the wire) are placed and
 * shown in the user's time zone, whatever the browser's is. Dates are
 * carried as UTC midnights of the calendar day, so the browser's own zone
 * never shifts a day. On a narrow screen the week and the day become a
 * list of days.
 */
import { call } from '../rpc.js';
import { el, childElements } from '../dom.js';
import { notifyError } from '../notify.js';
import { userLocale as sessionLocale, userTimezone } from '../session.js';
import { formatValue } from '../fields/format.js';
import { _t } from '../translate.js';

/** The user's language as Intl takes it (English when Intl does not know it). */
function userLocale() {
    try {
        return Intl.getCanonicalLocales(sessionLocale())[0] || 'en-US';
    } catch (error) {
        return 'en-US';
    }
}

const DAY = 86400000;
const SCALES = { month: _t('Month'), week: _t('Week'), day: _t('Day') };
/** colours for the `color` field's values; a value keeps its colour (by id) */
export const PALETTE = ['#4c7bd1', '#d1744c', '#3f9f6b', '#a35dc2', '#c9a227', '#d14c7b', '#2f9fb0',
    '#7a8a2f', '#8c5a3c', '#5a63c9', '#c25d5d', '#4f8f8f'];
const NARROW = '(max-width: 640px)';
/** events shown in a month's day before "+N more" */
const MONTH_EVENTS = 4;
const HOUR_HEIGHT = 40;


// --- days and time zones -------------------------------------------------

/** The calendar day (a UTC-midnight Date) of year, month (0-11), day. */
function day(year, month, date) {
    return new Date(Date.UTC(year, month, date));
}

function addDays(date, count) {
    return new Date(date.getTime() + count * DAY);
}

function dayKey(date) {
    return date.toISOString().slice(0, 10);
}

function parseDay(text) {
    const [year, month, date] = text.slice(0, 10).split('-').map(Number);
    return day(year, month - 1, date);
}

const partFormats = new Map();

/** The wall-clock parts of the instant `ms` in the zone `tz`. */
function zonedParts(ms, tz) {
    if (!partFormats.has(tz)) {
        partFormats.set(tz, new Intl.DateTimeFormat('en-US', {
            timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: 'numeric', minute: 'numeric', second: 'numeric',
        }));
    }
    const parts = {};
    for (const part of partFormats.get(tz).formatToParts(new Date(ms))) {
        parts[part.type] = Number(part.value);
    }
    return parts;
}

/** The instant at which the wall clock of `tz` shows the calendar day `date` plus `minutes`. */
export function zonedInstant(date, minutes, tz) {
    const wall = date.getTime() + minutes * 60000;
    let guess = wall;
    for (let i = 0; i < 3; i += 1) {
        const p = zonedParts(guess, tz);
        const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
        const delta = wall - shown;
        if (!delta) {
            break;
        }
        guess += delta;
    }
    return guess;
}

/** The calendar day and the minutes past its midnight of the instant `ms` in `tz`. */
function zonedDay(ms, tz) {
    const p = zonedParts(ms, tz);
    return { date: day(p.year, p.month - 1, p.day), minutes: p.hour * 60 + p.minute };
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, as the server reads datetimes. */
export function serverDatetime(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function parseServerDatetime(text) {
    const ms = Date.parse(text.replace(' ', 'T').slice(0, 19) + 'Z');
    return Number.isNaN(ms) ? null : ms;
}

/** The first day of the week in the user's language (1 = Monday … 7 = Sunday). */
function firstWeekday() {
    try {
        const locale = new Intl.Locale(userLocale());
        const info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
        if (info && info.firstDay) {
            return info.firstDay;
        }
    } catch (error) {
        // an unknown language: Monday
    }
    return 1;
}

function startOfWeek(date) {
    const weekday = date.getUTCDay() || 7;
    return addDays(date, -((weekday - firstWeekday() + 7) % 7));
}

function hhmm(minutes) {
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function colorOf(value) {
    if (value === false || value === null || value === undefined) {
        return null;
    }
    const key = Array.isArray(value) ? value[0] : value;
    let index;
    if (typeof key === 'number') {
        index = Math.abs(key);
    } else {
        index = 0;
        for (const char of String(key)) {
            index = (index * 31 + char.charCodeAt(0)) >>> 0;
        }
    }
    return PALETTE[index % PALETTE.length];
}

// --- the view --------------------------------------------------------------

export class CalendarView {
    constructor(env) {
        this.env = env;
        this.viewManager = env.viewManager;
        const arch = env.arch;
        this.dateStart = arch.getAttribute('date_start');
        this.dateStop = arch.getAttribute('date_stop');
        this.dateDelay = arch.getAttribute('date_delay');
        this.colorField = arch.getAttribute('color');
        this.dayLength = parseFloat(arch.getAttribute('day_length') || '8') || 8;
        this.title = arch.getAttribute('string') || '';
        this.labelFields = childElements(arch).filter((node) => node.tagName === 'field')
            .map((node) => node.getAttribute('name')).filter((name) => env.fields[name]);
        const mode = arch.getAttribute('mode');
        this.tz = userTimezone();
        this.today = zonedDay(Date.now(), this.tz).date;
        // back from a form, the calendar shows the period it showed
        const kept = this.viewManager.calendarPeriod || {};
        this.scale = kept.scale || (SCALES[mode] ? mode : 'month');
        this.focus = kept.focus || this.today;
        this.events = [];
        this.element = null;
        this.narrow = window.matchMedia(NARROW);
        this.onNarrow = () => this.render();
        this.loadToken = 0;
    }

    async mount(element) {
        if (!this.dateStart || !this.env.fields[this.dateStart]) {
            throw new Error(_t('The calendar view of %s needs a date_start attribute naming a date field.', this.env.model));
        }
        this.element = el('div', { class: 'o_calendar_view', dataset: { scale: this.scale } });
        element.appendChild(this.element);
        this.narrow.addEventListener('change', this.onNarrow);
        await this.reload();
    }

    canLeave() {
        return Promise.resolve(true);
    }

    destroy() {
        this.narrow.removeEventListener('change', this.onNarrow);
        this.loadToken += 1;
        if (this.element) {
            this.element.remove();
        }
    }

    /** The visible calendar days: `[first, last]` (last included). */
    period() {
        const focus = this.focus;
        if (this.scale === 'day') {
            return [focus, focus];
        }
        if (this.scale === 'week') {
            const first = startOfWeek(focus);
            return [first, addDays(first, 6)];
        }
        const first = startOfWeek(day(focus.getUTCFullYear(), focus.getUTCMonth(), 1));
        const lastOfMonth = day(focus.getUTCFullYear(), focus.getUTCMonth() + 1, 0);
        const last = addDays(startOfWeek(lastOfMonth), 6);
        return [first, last];
    }

    isDatetime(name) {
        return (this.env.fields[name] || {}).type === 'datetime';
    }

    /** A bound of the period as the field `name` compares: a UTC datetime or a date. */
    bound(name, date, end) {
        if (this.isDatetime(name)) {
            return serverDatetime(zonedInstant(end ? addDays(date, 1) : date, 0, this.tz) - (end ? 1000 : 0));
        }
        return dayKey(date);
    }

    /** The search's domain and "overlaps the visible period". */
    domain(searchDomain) {
        const [first, last] = this.period();
        const start = this.dateStart;
        const range = [[start, '<=', this.bound(start, last, true)]];
        if (this.dateStop && this.env.fields[this.dateStop]) {
            const stop = this.dateStop;
            range.push('|', [stop, '>=', this.bound(stop, first, false)],
                '&', [stop, '=', false], [start, '>=', this.bound(start, first, false)]);
        } else {
            // an event lasting `date_delay` hours may start before the period: look a week back
            const back = this.dateDelay ? addDays(first, -7) : first;
            range.push([start, '>=', this.bound(start, back, false)]);
        }
        return [...searchDomain, ...range];
    }

    async reload() {
        const token = ++this.loadToken;
        this.viewManager.calendarPeriod = { scale: this.scale, focus: this.focus };
        const state = this.viewManager.searchState();
        let searchDomain = state.domain || [];
        if (typeof searchDomain === 'string') {
            const { evalDomain } = await import('../py.js');
            searchDomain = evalDomain(searchDomain, state.context);
        }
        const fields = [this.dateStart, this.dateStop, this.dateDelay, this.colorField, ...this.labelFields]
            .filter((name, index, all) => name && this.env.fields[name] && all.indexOf(name) === index);
        let records = [];
        try {
            records = await call(this.env.model, 'search_read', [this.domain(searchDomain), fields],
                { context: state.context });
        } catch (error) {
            notifyError(error);
        }
        if (token !== this.loadToken) {
            return;
        }
        this.events = records.map((record) => this.toEvent(record)).filter(Boolean)
            .sort((a, b) => a.start - b.start || a.id - b.id);
        this.render();
    }

    /** A record as `{id, record, start, end, allDay, color, label}` (instants in ms). */
    toEvent(record) {
        const startValue = record[this.dateStart];
        if (!startValue) {
            return null;
        }
        let start;
        let allDay = false;
        if (this.isDatetime(this.dateStart)) {
            start = parseServerDatetime(startValue);
        } else {
            start = zonedInstant(parseDay(startValue), 0, this.tz);
            allDay = true;
        }
        if (start === null) {
            return null;
        }
        let end = null;
        const stopValue = this.dateStop ? record[this.dateStop] : null;
        if (stopValue) {
            end = this.isDatetime(this.dateStop) ? parseServerDatetime(stopValue)
                : zonedInstant(addDays(parseDay(stopValue), 1), 0, this.tz);
        } else if (this.dateDelay && record[this.dateDelay]) {
            const hours = Number(record[this.dateDelay]);
            // a delay longer than a working day counts in days of `day_length` hours
            end = allDay ? start + Math.max(1, Math.ceil(hours / this.dayLength)) * DAY : start + hours * 3600000;
        }
        if (end === null || end < start) {
            end = allDay ? start + DAY : start + 3600000;
        }
        const startDay = zonedDay(start, this.tz);
        const endDay = zonedDay(Math.max(start, end - 1), this.tz);
        if (dayKey(startDay.date) !== dayKey(endDay.date)) {
            allDay = true;
        }
        const label = this.labelFields.map((name) => formatValue(record[name], this.env.fields[name]))
            .filter((text) => text).join(', ') || `#${record.id}`;
        return {
            id: record.id, record, start, end, allDay, label,
            color: this.colorField ? colorOf(record[this.colorField]) : null,
            startMinutes: startDay.minutes,
        };
    }

    /** The events touching the calendar day `date`. */
    eventsOn(date) {
        const from = zonedInstant(date, 0, this.tz);
        const to = zonedInstant(addDays(date, 1), 0, this.tz);
        return this.events.filter((event) => event.start < to && (event.end > from || event.start >= from));
    }

    // --- drawing -------------------------------------------------------

    render() {
        if (!this.element) {
            return;
        }
        this.element.dataset.scale = this.scale;
        const narrow = this.narrow.matches;
        this.element.classList.toggle('o_calendar_narrow', narrow);
        let body;
        if (this.scale === 'month') {
            body = this.renderMonth();
        } else if (narrow) {
            body = this.renderAgenda();
        } else {
            body = this.renderTimeGrid();
        }
        this.element.replaceChildren(this.renderHeader(), body, this.renderLegend());
    }

    renderHeader() {
        const nav = (cls, label, text, delta) => el('button', {
            type: 'button', class: `o_button ${cls}`, title: label, 'aria-label': label,
            onclick: () => this.move(delta),
        }, text);
        const scales = Object.entries(SCALES).map(([scale, label]) => el('button', {
            type: 'button', class: 'o_button o_calendar_scale' + (scale === this.scale ? ' active' : ''),
            dataset: { scale }, 'aria-pressed': scale === this.scale ? 'true' : 'false',
            onclick: () => { this.scale = scale; this.reload(); },
        }, label));
        return el('div', { class: 'o_calendar_header' },
            el('div', { class: 'o_calendar_nav' },
                nav('o_calendar_prev', _t('Previous'), '‹', -1),
                el('button', { type: 'button', class: 'o_button o_calendar_today', onclick: () => this.move(0) }, _t('Today')),
                nav('o_calendar_next', _t('Next'), '›', 1)),
            el('h2', { class: 'o_calendar_title' }, this.periodTitle()),
            el('div', { class: 'o_calendar_scales', role: 'group' }, scales));
    }

    move(delta) {
        if (!delta) {
            this.focus = this.today;
        } else if (this.scale === 'month') {
            this.focus = day(this.focus.getUTCFullYear(), this.focus.getUTCMonth() + delta, 1);
        } else {
            this.focus = addDays(this.focus, delta * (this.scale === 'week' ? 7 : 1));
        }
        return this.reload();
    }

    periodTitle() {
        const locale = userLocale();
        const fmt = (options) => new Intl.DateTimeFormat(locale, Object.assign({ timeZone: 'UTC' }, options));
        if (this.scale === 'month') {
            return fmt({ month: 'long', year: 'numeric' }).format(this.focus);
        }
        if (this.scale === 'day') {
            return fmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(this.focus);
        }
        const [first, last] = this.period();
        const format = fmt({ day: 'numeric', month: 'short', year: 'numeric' });
        return format.formatRange ? format.formatRange(first, last) : `${format.format(first)} – ${format.format(last)}`;
    }

    weekdayNames(first) {
        const format = new Intl.DateTimeFormat(userLocale(), { timeZone: 'UTC', weekday: 'short' });
        return Array.from({ length: 7 }, (_, i) => format.format(addDays(first, i)));
    }

    eventNode(event, { showTime = true, style = '' } = {}) {
        const time = showTime && !event.allDay ? hhmm(event.startMinutes) + ' ' : '';
        const node = el('a', {
            href: '#', class: 'o_calendar_event' + (event.allDay ? ' o_calendar_event_allday' : ''),
            dataset: { id: String(event.id) }, title: time + event.label,
            style: (event.color ? `--o-event-color: ${event.color};` : '') + style,
        }, time ? el('span', { class: 'o_calendar_event_time' }, time) : null,
        el('span', { class: 'o_calendar_event_label' }, event.label));
        node.addEventListener('click', (e) => {
            e.preventDefault();
            e.stopPropagation();
            const ids = [...new Set(this.events.map((ev) => ev.id))];
            this.viewManager.openRecord(event.id, ids);
        });
        return node;
    }

    dayNumber(date) {
        const label = new Intl.DateTimeFormat(userLocale(), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
            .format(date);
        return el('a', {
            href: '#', class: 'o_calendar_day_number', title: label, 'aria-label': label,
            onclick: (e) => { e.preventDefault(); e.stopPropagation(); this.focus = date; this.scale = 'day'; this.reload(); },
        }, String(date.getUTCDate()));
    }

    renderMonth() {
        const [first, last] = this.period();
        const month = this.focus.getUTCMonth();
        const grid = el('div', { class: 'o_calendar_month', role: 'grid' },
            this.weekdayNames(first).map((name) => el('div', { class: 'o_calendar_weekday', role: 'columnheader' }, name)));
        for (let date = first; date <= last; date = addDays(date, 1)) {
            const events = this.eventsOn(date);
            const shown = events.slice(0, MONTH_EVENTS);
            const cell = el('div', {
                class: 'o_calendar_day' + (date.getUTCMonth() !== month ? ' o_calendar_other_month' : '')
                    + (dayKey(date) === dayKey(this.today) ? ' o_calendar_today_cell' : ''),
                role: 'gridcell', dataset: { date: dayKey(date) },
            }, this.dayNumber(date),
            el('div', { class: 'o_calendar_day_events' }, shown.map((event) => this.eventNode(event))),
            events.length > shown.length ? el('a', {
                href: '#', class: 'o_calendar_more',
                onclick: (e) => { e.preventDefault(); e.stopPropagation(); this.focus = date; this.scale = 'day'; this.reload(); },
            }, _t('+%s more', events.length - shown.length)) : null);
            const dayDate = date;
            cell.addEventListener('click', () => this.createAt(dayDate, null));
            grid.appendChild(cell);
        }
        return grid;
    }

    days() {
        const [first, last] = this.period();
        const days = [];
        for (let date = first; date <= last; date = addDays(date, 1)) {
            days.push(date);
        }
        return days;
    }

    /** Week and day on a wide screen: one column per day, one row per hour. */
    renderTimeGrid() {
        const days = this.days();
        const names = this.weekdayNames(days[0]);
        const columns = `3.5rem repeat(${days.length}, minmax(0, 1fr))`;
        const head = el('div', { class: 'o_calendar_grid_head', style: `grid-template-columns: ${columns}` },
            el('div', { class: 'o_calendar_corner' }),
            days.map((date, i) => el('div', {
                class: 'o_calendar_column_head' + (dayKey(date) === dayKey(this.today) ? ' o_calendar_today_cell' : ''),
            }, `${days.length > 1 ? names[i] : ''} `, this.dayNumber(date))));
        const allDay = el('div', { class: 'o_calendar_allday', style: `grid-template-columns: ${columns}` },
            el('div', { class: 'o_calendar_hour_label' }, _t('All day')),
            days.map((date) => el('div', { class: 'o_calendar_day o_calendar_allday_cell', dataset: { date: dayKey(date) } },
                this.eventsOn(date).filter((event) => event.allDay).map((event) => this.eventNode(event)))));
        const hours = el('div', { class: 'o_calendar_hours' },
            Array.from({ length: 24 }, (_, hour) => el('div', { class: 'o_calendar_hour_label' }, hhmm(hour * 60))));
        const body = el('div', { class: 'o_calendar_grid_body', style: `grid-template-columns: ${columns}` }, hours);
        for (const date of days) {
            const column = el('div', {
                class: 'o_calendar_day o_calendar_day_column', dataset: { date: dayKey(date) },
                style: `height: ${24 * HOUR_HEIGHT}px`,
            });
            this.placeTimed(this.eventsOn(date).filter((event) => !event.allDay), date, column);
            column.addEventListener('click', (e) => {
                const top = e.clientY - column.getBoundingClientRect().top;
                this.createAt(date, Math.max(0, Math.min(23, Math.floor(top / HOUR_HEIGHT))) * 60);
            });
            body.appendChild(column);
        }
        const scroller = el('div', { class: 'o_calendar_scroller' }, body);
        // show the working day (from 07:00) unless something happens earlier
        const timed = days.flatMap((date) => this.eventsOn(date).filter((event) => !event.allDay)
            .map((event) => (dayKey(zonedDay(event.start, this.tz).date) === dayKey(date) ? event.startMinutes : 0)));
        const firstHour = Math.min(7, ...timed.map((minutes) => Math.floor(minutes / 60)));
        requestAnimationFrame(() => { scroller.scrollTop = firstHour * HOUR_HEIGHT; });
        return el('div', { class: 'o_calendar_timegrid' }, head, allDay, scroller);
    }

    /** Position the timed events of a day in its column, overlapping ones side by side. */
    placeTimed(events, date, column) {
        const dayStart = zonedInstant(date, 0, this.tz);
        const items = events.map((event) => {
            const top = Math.max(0, (event.start - dayStart) / 60000);
            const bottom = Math.min(24 * 60, Math.max(top + 30, (event.end - dayStart) / 60000));
            return { event, top, bottom, lane: 0 };
        });
        // greedy lanes within clusters of overlapping events
        let cluster = [];
        let clusterEnd = -1;
        const flush = () => {
            const lanes = Math.max(1, ...cluster.map((item) => item.lane + 1));
            for (const item of cluster) {
                item.lanes = lanes;
            }
            cluster = [];
        };
        for (const item of items) {
            if (item.top >= clusterEnd) {
                flush();
                clusterEnd = -1;
            }
            const used = new Set(cluster.filter((other) => other.bottom > item.top).map((other) => other.lane));
            while (used.has(item.lane)) {
                item.lane += 1;
            }
            cluster.push(item);
            clusterEnd = Math.max(clusterEnd, item.bottom);
        }
        flush();
        for (const { event, top, bottom, lane, lanes } of items) {
            const style = `top: ${top / 60 * HOUR_HEIGHT}px; height: ${(bottom - top) / 60 * HOUR_HEIGHT - 2}px;`
                + ` left: calc(${lane} * 100% / ${lanes}); width: calc(100% / ${lanes} - 2px);`;
            column.appendChild(this.eventNode(event, { style }));
        }
    }

    /** Week and day on a narrow screen: a list of days with their events. */
    renderAgenda() {
        const format = new Intl.DateTimeFormat(userLocale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
        return el('ol', { class: 'o_calendar_agenda' }, this.days().map((date) => {
            const events = this.eventsOn(date);
            const item = el('li', {
                class: 'o_calendar_day o_calendar_agenda_day' + (dayKey(date) === dayKey(this.today) ? ' o_calendar_today_cell' : ''),
                dataset: { date: dayKey(date) },
            }, el('h3', { class: 'o_calendar_agenda_date' }, format.format(date)),
            events.length ? el('ul', {}, events.map((event) => el('li', {}, this.eventNode(event))))
                : el('p', { class: 'o_calendar_empty' }, _t('Nothing planned')));
            item.addEventListener('click', () => this.createAt(date, null));
            return item;
        }));
    }

    renderLegend() {
        if (!this.colorField) {
            return null;
        }
        const seen = new Map();
        for (const event of this.events) {
            const value = event.record[this.colorField];
            const key = Array.isArray(value) ? value[0] : value;
            if (event.color && !seen.has(key)) {
                seen.set(key, { color: event.color, label: formatValue(value, this.env.fields[this.colorField]) });
            }
        }
        if (!seen.size) {
            return null;
        }
        const field = this.env.fields[this.colorField];
        return el('ul', { class: 'o_calendar_legend', 'aria-label': field.string || this.colorField },
            [...seen.values()].map(({ color, label }) => el('li', {},
                el('span', { class: 'o_calendar_swatch', style: `background: ${color}` }), label)));
    }

    /** Open a new record's form starting on `date` (at `minutes` past midnight, or the whole day). */
    async createAt(date, minutes) {
        const field = this.dateStart;
        const defaults = {};
        if (this.isDatetime(field)) {
            const start = zonedInstant(date, minutes === null ? 8 * 60 : minutes, this.tz);
            defaults[`default_${field}`] = serverDatetime(start);
        } else {
            defaults[`default_${field}`] = dayKey(date);
        }
        const viewManager = this.viewManager;
        const previous = viewManager.context;
        viewManager.context = Object.assign({}, previous, defaults);
        try {
            await viewManager.open('form', { resId: null });
        } finally {
            viewManager.context = previous;
        }
    }
}
