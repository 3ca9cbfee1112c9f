/**
 * One window action on screen: its control panel (breadcrumbs, search,
 * buttons, pager, view switcher) and the view of the type the user picked.
 *
 * It loads the action's views once (`get_views`), keeps the search state
 * shared by the list, calendar and graph views, runs the buttons of the
 * views (`executeButton`) and tells the router where the user is.
 */
import { call, track } from './rpc.js';
import { el, parseArch } from './dom.js';
import { notifyError } from './notify.js';
import { confirmDialog } from './dialog.js';
import { SearchView } from './views/search.js';
import { _t } from './translate.js';

/** view type → module defining the view class (loaded when first used) */
const VIEW_MODULES = {
    list: ['./views/list.js', 'ListView'],
    form: ['./views/form.js', 'FormView'],
    calendar: ['./views/calendar.js', 'CalendarView'],
    graph: ['./views/graph.js', 'GraphView'],
};

const VIEW_LABELS = { list: _t('List'), form: _t('Form'), calendar: _t('Calendar'), graph: _t('Graph') };

export class ViewManager {
    constructor(actionManager, action, { context = {}, domain = [], dialog = null } = {}) {
        this.actionManager = actionManager;
        this.action = action;
        this.model = action.res_model;
        this.context = context;
        this.domain = domain;
        this.dialog = dialog;
        this.viewType = null;
        this.view = null;
        this.views = {};
        this.viewTypes = [];
        this.toolbar = { action: [], print: [], relate: [] };
        this.limit = action.limit || 80;
        this.element = el('div', { class: 'o_view_controller' + (dialog ? ' o_in_dialog' : '') });
        this.breadcrumbs = el('ol', { class: 'o_breadcrumb' });
        this.searchArea = el('div', { class: 'o_cp_search' });
        this.buttons = el('div', { class: 'o_cp_buttons' });
        this.actionMenus = el('div', { class: 'o_cp_action_menus' });
        this.pager = el('div', { class: 'o_cp_pager' });
        this.switcher = el('div', { class: 'o_cp_switch', role: 'group' });
        this.content = el('div', { class: 'o_content' });
        this.controlPanel = el('div', { class: 'o_control_panel' },
            el('div', { class: 'o_cp_top' }, this.breadcrumbs, this.searchArea),
            el('div', { class: 'o_cp_bottom' }, this.buttons, this.actionMenus,
                el('div', { class: 'o_cp_right' }, this.pager, this.switcher)));
        this.element.append(this.controlPanel, this.content);
    }

    /** Load the views and fields of the action (one `get_views` call). */
    async load() {
        const requested = [];
        for (const [viewId, type] of actionViews(this.action)) {
            const viewType = type === 'tree' ? 'list' : type;
            if (VIEW_MODULES[viewType] && !requested.some(([, t]) => t === viewType)) {
                requested.push([viewId || false, viewType]);
            }
        }
        if (!requested.length) {
            requested.push([false, 'list'], [false, 'form']);
        }
        const searchViewId = Array.isArray(this.action.search_view_id) ? this.action.search_view_id[0]
            : (this.action.search_view_id || false);
        const result = await call(this.model, 'get_views',
            [requested.concat([[searchViewId, 'search']])], { options: { toolbar: true }, context: this.context });
        this.models = result.models || {};
        this.fields = result.models[this.model] || {};
        for (const [type, view] of Object.entries(result.views)) {
            this.views[type] = { id: view.id, arch: parseArch(view.arch), fields: this.models[this.model] || view.fields };
            if (view.toolbar) {
                this.toolbar = view.toolbar;
            }
        }
        this.viewTypes = requested.map(([, type]) => type);
        if (!this.dialog) {
            this.search = new SearchView(this, this.views.search);
            this.search.mount(this.searchArea);
        } else {
            this.search = null;
        }
        this._renderSwitcher();
    }

    /** The action's title, for the breadcrumbs. */
    title() {
        if (this.viewType === 'form' && this.view && this.view.displayName) {
            return this.view.displayName() || this.action.name;
        }
        return this.action.name || this.model;
    }

    /** The current search: `{domain, context, groupBy}` (the action's domain included). */
    searchState() {
        const state = this.search ? this.search.state() : { domain: [], context: {}, groupBy: [] };
        const domain = this.domain.length && state.domain.length ? ['&', ...this.domain, ...state.domain]
            : [...this.domain, ...state.domain];
        return { domain, context: Object.assign({}, this.context, state.context), groupBy: state.groupBy };
    }

    /**
     * Show the view of `viewType` (default: the action's first). Options:
     * `resId`, `resIds` (the records the form pages through), `replace`
     * (replace the history entry), `reload`.
     */
    open(viewType, options = {}) {
        return track(this._open(viewType, options));
    }

    async _open(viewType, { resId = null, resIds = null, replace = false, mode = null } = {}) {
        viewType = viewType === 'tree' ? 'list' : viewType;
        if (!viewType || !this.views[viewType]) {
            viewType = resId && this.views.form ? 'form' : this.viewTypes[0];
        }
        if (this.view && !(await this.view.canLeave())) {
            return false;
        }
        const [path, className] = VIEW_MODULES[viewType];
        let ViewClass;
        try {
            ViewClass = (await import(path))[className];
        } catch (error) {
            notifyError(_t('The %s view cannot be shown: %s', VIEW_LABELS[viewType] || viewType, error.message));
            return false;
        }
        if (this.view) {
            this.view.destroy();
        }
        this.viewType = viewType;
        const definition = this.views[viewType];
        this.buttons.replaceChildren();
        this.actionMenus.replaceChildren();
        this.pager.replaceChildren();
        this.element.dataset.viewType = viewType;
        this.view = new ViewClass({
            model: this.model, fields: definition.fields, arch: definition.arch, viewId: definition.id,
            models: this.models, context: this.context, domain: this.domain, action: this.action,
            resId, resIds: resIds || (this.lastResIds || null), viewManager: this, mode,
        });
        const mount = el('div', { class: `o_view o_${viewType}_view_container` });
        this.content.replaceChildren(mount);
        try {
            await this.view.mount(mount);
        } catch (error) {
            notifyError(error);
        }
        this._renderSwitcher();
        this.searchArea.hidden = viewType === 'form';
        this.actionManager.pushState(this, { replace });
        this.renderBreadcrumbs();
        return true;
    }

    /** Re-run the search in the current view (the search view calls it). */
    async searchChanged() {
        if (this.view && this.view.reload) {
            await this.view.reload({ offset: 0 });
        }
    }

    /** Open the form of `resId` (null: a new record), paging through `resIds`. */
    openRecord(resId, resIds = null) {
        if (resIds) {
            this.lastResIds = resIds;
        }
        return this.open('form', { resId, resIds: resIds || this.lastResIds || null });
    }

    /** Tell the address bar (and the breadcrumbs) that the view moved to another record. */
    recordChanged({ replace = true } = {}) {
        this.actionManager.pushState(this, { replace });
        for (const entry of this.actionManager.stack) {
            entry.controller.renderBreadcrumbs();
        }
    }

    /** The URL state of this screen. */
    routeState() {
        const state = { view_type: this.viewType };
        if (this.action.id && this.action.xml_id) {
            state.action = this.action.xml_id;
        } else if (this.action.id) {
            state.action = String(this.action.id);
        } else {
            state.model = this.model;
        }
        if (this.viewType === 'form' && this.view && this.view.resId) {
            state.id = this.view.resId;
        }
        if (this.context.active_id) {
            state.active_id = this.context.active_id;
        }
        return state;
    }

    /** Whether a URL state designates this screen's action. */
    matches(state) {
        if (state.action) {
            return state.action === this.action.xml_id || state.action === String(this.action.id);
        }
        return !this.action.id && state.model === this.model;
    }

    /** Whether the current view lets the user go (unsaved changes are saved or dropped). */
    canLeave() {
        return this.view ? this.view.canLeave() : Promise.resolve(true);
    }

    renderBreadcrumbs() {
        this.breadcrumbs.replaceChildren();
        if (this.dialog) {
            return;
        }
        const crumbs = this.actionManager.breadcrumbs();
        const mine = crumbs.findIndex((c) => this.actionManager.stack[c.index].controller === this);
        const shown = mine >= 0 ? crumbs.slice(0, mine + 1) : crumbs;
        shown.forEach((crumb, position) => {
            const last = position === shown.length - 1;
            const controller = this.actionManager.stack[crumb.index].controller;
            if (last) {
                if (this.viewType === 'form' && this.viewTypes.length > 1 && this.viewTypes[0] !== 'form') {
                    // the form of a list: the list is one step back, inside the same action
                    this.breadcrumbs.appendChild(el('li', {},
                        el('a', { href: '#', onclick: (e) => { e.preventDefault(); this.open(this.viewTypes[0]); } },
                            this.action.name || this.model)));
                }
                this.breadcrumbs.appendChild(el('li', { class: 'active' }, controller.title()));
            } else {
                this.breadcrumbs.appendChild(el('li', {},
                    el('a', { href: '#', onclick: (e) => { e.preventDefault(); this.actionManager.restore(crumb.index); } },
                        controller.title())));
            }
        });
    }

    _renderSwitcher() {
        this.switcher.replaceChildren();
        const switchable = this.viewTypes.filter((type) => type !== 'form');
        if (this.dialog || switchable.length < 2 && !(switchable.length === 1 && this.viewType === 'form')) {
            return;
        }
        for (const type of switchable) {
            const button = el('button', {
                type: 'button', class: `o_switch_view o_${type}` + (type === this.viewType ? ' active' : ''),
                dataset: { viewType: type }, title: VIEW_LABELS[type] || type, 'aria-label': VIEW_LABELS[type] || type,
            }, VIEW_LABELS[type] || type);
            button.addEventListener('click', () => this.open(type));
            this.switcher.appendChild(button);
        }
    }

    /**
     * Run a view button: `node` is its arch attributes (`type`, `name`,
     * `confirm`, `context`, `special`); `record` is `{resId, resIds, context}`.
     * Returns the action the button ran, if any; the caller reloads.
     */
    async executeButton(node, record) {
        if (node.confirm && !(await confirmDialog(node.confirm))) {
            return false;
        }
        if (node.special === 'cancel') {
            this.actionManager.closeDialog();
            return null;
        }
        const ids = record.resIds || (record.resId ? [record.resId] : []);
        // as Odoo does: a method gets the action's context (a wizard keeps the active_ids
        // it was opened on); only the actions it opens are told which records they act on
        const context = Object.assign({}, this.context, record.context || {});
        let action = null;
        try {
            if (node.type === 'workflow') {
                await call(this.model, 'signal_workflow', [ids, node.name], { context });
            } else if (node.type === 'action') {
                action = /^\d+$/.test(node.name) ? parseInt(node.name, 10) : node.name;
            } else {
                const result = await call(this.model, node.name, [ids], { context });
                // a method answers an action dict to open something; anything else means "done"
                if (result && typeof result === 'object' && !Array.isArray(result) && result.type) {
                    action = result;
                }
            }
        } catch (error) {
            notifyError(error);
            return false;
        }
        if (action && action.type === 'ir.actions.act_window_close') {
            action = null;
        }
        if (this.dialog) {
            // a wizard step is over: its dialog gives way to what it opens next, if anything
            this.actionManager.closeDialog();
        }
        if (action) {
            await this.actionManager.doAction(action, {
                additionalContext: { active_id: ids[0], active_ids: ids, active_model: this.model },
                onClose: () => this.view && this.view.reload && this.view.reload(),
            });
        }
        return action;
    }

    /** Run another action from this screen (e.g. a toolbar action). */
    doAction(action, options = {}) {
        return this.actionManager.doAction(action, options);
    }

    destroy() {
        if (this.view) {
            this.view.destroy();
        }
        if (this.search && this.search.destroy) {
            this.search.destroy();
        }
    }
}

/**
 * The `[[view id, type]]` list of an action dict: its `views`, or (for a
 * dict a method built) one per `view_mode` entry, `view_id` for its type.
 */
export function actionViews(action) {
    if (Array.isArray(action.views) && action.views.length) {
        return action.views;
    }
    const viewId = Array.isArray(action.view_id) ? action.view_id[0] : (action.view_id || false);
    const modes = (action.view_mode || 'tree,form').split(',').map((mode) => mode.trim()).filter(Boolean);
    // as the server's _compute_views does without the view's type at hand: view_id is the first mode's
    return modes.map((mode, index) => [index === 0 ? viewId : false, mode]);
}
