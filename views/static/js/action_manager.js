/**
 * Runs actions and keeps the breadcrumb stack of the screens they opened.
 *
 * `doAction(reference, options)` takes an action dict, an external id, a
 * menu's `'model,id'` or a window action id. Window actions open a
 * `ViewManager` on the main area (or in a dialog for `target: 'new'`),
 * reports open their PDF, `ir.actions.act_window_close` closes the dialog.
 */
import { call } from './rpc.js';
import { el } from './dom.js';
import { openDialog } from './dialog.js';
import { notifyError } from './notify.js';
import { evalContext, evalDomain } from './py.js';
import { session } from './session.js';
import * as router from './router.js';
import { ViewManager } from './view_manager.js';
import { _t } from './translate.js';

export class ActionManager {
    /** `root` is the element the current screen is drawn into. */
    constructor(root, { onMenuContext } = {}) {
        this.root = root;
        this.stack = [];          // [{action, controller}], the breadcrumbs
        this.dialogs = [];        // open target=new actions
        this.onMenuContext = onMenuContext;
    }

    /** Load the action dict of `reference` (dicts are returned as they are). */
    async loadAction(reference) {
        if (reference && typeof reference === 'object') {
            return reference;
        }
        return call('ir.actions.actions', 'load_action', [reference]);
    }

    /**
     * Run `reference`. Options: `additionalContext`, `clearBreadcrumbs`,
     * `onClose` (called when a dialog action closes), `viewType`, `resId`,
     * `menuId`, `replace` (replace the history entry instead of pushing one).
     */
    async doAction(reference, options = {}) {
        let action;
        try {
            action = await this.loadAction(reference);
        } catch (error) {
            notifyError(error);
            return null;
        }
        if (!action) {
            return null;
        }
        const type = action.type || 'ir.actions.act_window';
        if (type === 'ir.actions.act_window') {
            return this._openWindow(action, options);
        }
        if (type === 'ir.actions.act_window_close') {
            this.closeDialog();
            return null;
        }
        if (type === 'ir.actions.report') {
            return this._openReport(action, options);
        }
        if (type === 'ir.actions.act_url') {
            window.open(action.url, action.target === 'self' ? '_self' : '_blank');
            return null;
        }
        if (type === 'ir.actions.client' && ['reload', 'reload_context'].includes(action.tag)) {
            window.location.reload();
            return null;
        }
        if (type === 'ir.actions.server') {
            const context = Object.assign({}, action.context || {}, options.additionalContext || {});
            const result = await call('ir.actions.server', 'run', [[action.id]], { context });
            return result ? this.doAction(result, options) : null;
        }
        notifyError(_t('The client cannot run actions of type %s.', type));
        return null;
    }

    _actionContext(action, options) {
        const evalScope = Object.assign({ uid: session.uid }, session.user_context, options.additionalContext || {});
        let context = {};
        try {
            context = evalContext(action.context || {}, evalScope);
        } catch (error) {
            context = {};
        }
        return Object.assign({}, context, options.additionalContext || {});
    }

    async _openWindow(action, options) {
        const context = this._actionContext(action, options);
        const scope = Object.assign({ uid: session.uid }, session.user_context, context);
        let domain = [];
        try {
            domain = evalDomain(action.domain || [], scope);
        } catch (error) {
            domain = [];
        }
        if (action.target === 'new') {
            return this._openDialogAction(action, context, domain, options);
        }
        // a later action started while this one loads wins: the user clicked again
        const token = (this.token = (this.token || 0) + 1);
        const controller = new ViewManager(this, action, { context, domain });
        try {
            await controller.load();
        } catch (error) {
            notifyError(error);
            return null;
        }
        if (token !== this.token) {
            controller.destroy();
            return null;
        }
        if (options.clearBreadcrumbs) {
            this._destroyFrom(0);
        }
        this.stack.push({ action, controller, menuId: options.menuId });
        const viewType = options.viewType || (action.res_id ? 'form' : null);
        await controller.open(viewType, { resId: options.resId || action.res_id || null, replace: options.replace });
        this._show(controller);
        return controller;
    }

    async _openDialogAction(action, context, domain, options) {
        const body = el('div', { class: 'o_dialog_action' });
        const dialog = openDialog({
            title: action.name || '',
            body,
            size: 'large',
            onClose: () => {
                this.dialogs = this.dialogs.filter((d) => d.dialog !== dialog);
                if (this.onDialogClosed) {
                    this.onDialogClosed(action);
                }
                if (options.onClose) {
                    options.onClose();
                }
            },
        });
        const controller = new ViewManager(this, action, { context, domain, dialog });
        this.dialogs.push({ dialog, controller });
        try {
            await controller.load();
            await controller.open(controller.viewTypes.includes('form') ? 'form' : null,
                { resId: action.res_id || null });
        } catch (error) {
            dialog.close();
            notifyError(error);
            return null;
        }
        body.appendChild(controller.element);
        return controller;
    }

    /** Close the topmost dialog action (a wizard's Cancel, or act_window_close). */
    closeDialog() {
        const top = this.dialogs[this.dialogs.length - 1];
        if (top) {
            top.dialog.close();
        }
    }

    async _openReport(action, options) {
        const context = this._actionContext(action, options);
        const ids = context.active_ids || (context.active_id ? [context.active_id] : []);
        const name = action.report_name;
        window.open(`/web/report/pdf/${encodeURIComponent(name)}/${ids.join(',')}`, '_blank');
        return null;
    }

    _show(controller) {
        this.root.replaceChildren(controller.element);
        for (const entry of this.stack) {
            entry.controller.renderBreadcrumbs();
        }
        window.scrollTo(0, 0);
    }

    _destroyFrom(index) {
        for (const entry of this.stack.splice(index)) {
            entry.controller.destroy();
        }
    }

    /** The breadcrumb entries: `[{title, index}]`, the last one being the current screen. */
    breadcrumbs() {
        return this.stack.map((entry, index) => ({ title: entry.controller.title(), index }));
    }

    /** Go back to the screen at `index` of the breadcrumbs (it reloads its records). */
    async restore(index, { viewType, resId, push = true } = {}) {
        const entry = this.stack[index];
        if (!entry) {
            return;
        }
        const top = this.current();
        if (top && top !== entry.controller && !(await top.canLeave())) {
            return;
        }
        this._destroyFrom(index + 1);
        await entry.controller.open(viewType || entry.controller.viewType, { resId, replace: !push, reload: true });
        this._show(entry.controller);
    }

    /** The controller on screen. */
    current() {
        const top = this.stack[this.stack.length - 1];
        return top ? top.controller : null;
    }

    /**
     * Show the screen a URL state names (back/forward, bookmark): reuse a
     * breadcrumb of the same action when there is one, else run the action.
     */
    async loadState(state) {
        if (!state.action && !state.model) {
            return false;
        }
        for (let index = this.stack.length - 1; index >= 0; index -= 1) {
            const controller = this.stack[index].controller;
            if (controller.matches(state)) {
                await this.restore(index, { viewType: state.view_type, resId: state.id || null, push: false });
                return true;
            }
        }
        const reference = state.action || {
            type: 'ir.actions.act_window', res_model: state.model, views: [[false, 'list'], [false, 'form']],
            name: state.model,
        };
        const result = await this.doAction(reference, {
            clearBreadcrumbs: true, viewType: state.view_type, resId: state.id || null, menuId: state.menu_id,
            replace: true,
            additionalContext: state.active_id ? { active_id: state.active_id, active_ids: [state.active_id] } : {},
        });
        return Boolean(result);
    }

    /** Record the current screen in the address bar. */
    pushState(controller, { replace = false } = {}) {
        if (controller.dialog) {
            return;
        }
        const entry = this.stack.find((e) => e.controller === controller);
        const state = controller.routeState();
        if (entry && entry.menuId) {
            state.menu_id = entry.menuId;
        } else {
            const previous = router.currentState();
            if (previous.menu_id) {
                state.menu_id = previous.menu_id;
            }
        }
        router.navigate(state, { replace });
    }
}
