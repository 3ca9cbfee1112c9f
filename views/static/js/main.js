/**
 * The web client's entry point: draws the navigation bar and the menus
 * of the user's groups, then shows the screen the URL names (or the first
 * menu's) and follows the browser's back and forward buttons.
 */
import { call } from './rpc.js';
import { el } from './dom.js';
import { session } from './session.js';
import { notifyError } from './notify.js';
import * as router from './router.js';
import { ActionManager } from './action_manager.js';
import { openPreferences } from './preferences.js';
import { _t } from './translate.js';

class WebClient {
    constructor(root) {
        this.root = root;
        this.menus = null;
        this.currentTop = null;
        this.navbar = el('nav', { class: 'o_main_navbar', 'aria-label': _t('Main menu') });
        this.sidebar = el('aside', { class: 'o_sidebar', 'aria-label': _t('Menu') });
        this.main = el('main', { class: 'o_action_manager' });
        this.root.append(this.navbar, el('div', { class: 'o_main' }, this.sidebar, this.main));
        this.actionManager = new ActionManager(this.main);
        // a wizard may have changed the menus (crm's "Create menus for a case section")
        this.actionManager.onDialogClosed = () => this.reloadMenus();
    }

    /** Read the user's menus again and redraw the navigation, keeping the current screen. */
    async reloadMenus() {
        try {
            this.menus = await call('ir.ui.menu', 'load_menus', [false]);
        } catch (error) {
            return;
        }
        const top = this.currentTop;
        this.currentTop = null;
        this.renderNavbar();
        if (top && this.menus[top]) {
            const active = this.sidebar.querySelector('.o_menu_item.active');
            this.selectTop(top, active ? parseInt(active.dataset.menuId, 10) : null);
        }
    }

    async start() {
        this.menus = await call('ir.ui.menu', 'load_menus', [false]);
        this.renderNavbar();
        router.onRoute((state) => this.loadState(state));
        const state = router.currentState();
        if (!(await this.loadState(state))) {
            await this.openFirstMenu();
        }
        document.body.classList.add('o_web_client_ready');
    }

    async loadState(state) {
        if (state.menu_id && this.menus[state.menu_id]) {
            this.selectTop(this.topOf(state.menu_id), state.menu_id);
        }
        if (state.action || state.model) {
            return this.actionManager.loadState(state);
        }
        if (state.menu_id && this.menus[state.menu_id]) {
            return this.openMenu(state.menu_id);
        }
        return false;
    }

    topOf(menuId) {
        let menu = this.menus[menuId];
        while (menu && menu.parent_id && this.menus[menu.parent_id]) {
            menu = this.menus[menu.parent_id];
        }
        return menu ? menu.id : null;
    }

    async openFirstMenu() {
        const tops = this.menus.root.children;
        if (!tops.length) {
            this.main.replaceChildren(el('div', { class: 'o_nocontent' }, _t('No menu is available to you: ask an administrator for access rights.')));
            return;
        }
        const crm = tops.find((id) => (this.menus[id].xmlid || '').startsWith('crm.')) || tops[0];
        await this.openMenu(crm);
    }

    /** Open `menuId`: its action, or the first descendant that has one. */
    async openMenu(menuId) {
        const leaf = this.firstWithAction(menuId);
        this.selectTop(this.topOf(menuId), leaf || menuId);
        if (!leaf) {
            return false;
        }
        const current = this.actionManager.current();
        if (current && !(await current.canLeave())) {
            return false;
        }
        this.closeSidebarOnPhone();
        const result = await this.actionManager.doAction(this.menus[leaf].action, { clearBreadcrumbs: true, menuId: leaf });
        return Boolean(result);
    }

    firstWithAction(menuId) {
        const menu = this.menus[menuId];
        if (!menu) {
            return null;
        }
        if (menu.action) {
            return menu.id;
        }
        for (const child of menu.children) {
            const found = this.firstWithAction(child);
            if (found) {
                return found;
            }
        }
        return null;
    }

    renderNavbar() {
        const toggle = el('button', { type: 'button', class: 'o_menu_toggle', 'aria-label': _t('Show the menu') }, '☰');
        toggle.addEventListener('click', () => document.body.classList.toggle('o_sidebar_open'));
        const tops = el('div', { class: 'o_menu_sections' });
        for (const id of this.menus.root.children) {
            const menu = this.menus[id];
            const link = el('a', { href: `#menu_id=${id}`, class: 'o_menu_top', dataset: { menuId: id, menuXmlid: menu.xmlid || '' } }, menu.name);
            link.addEventListener('click', (event) => { event.preventDefault(); this.openMenu(id); });
            tops.appendChild(link);
        }
        const logout = el('form', { method: 'post', action: '/web/logout', class: 'o_logout' },
            el('input', { type: 'hidden', name: 'csrf_token', value: session.csrf_token || '' }),
            el('button', { type: 'submit', class: 'o_logout_button' }, _t('Log out')));
        const preferences = el('a', { href: '#', class: 'o_preferences' }, _t('Preferences'));
        preferences.addEventListener('click', (event) => { event.preventDefault(); userMenu.classList.remove('o_open'); openPreferences(); });
        const userButton = el('button', { type: 'button', class: 'o_user_menu_toggle', 'aria-haspopup': 'true' }, session.name || session.username || '');
        const userMenu = el('div', { class: 'o_user_menu' }, userButton,
            el('div', { class: 'o_user_menu_dropdown' }, preferences, logout));
        userButton.addEventListener('click', () => userMenu.classList.toggle('o_open'));
        document.addEventListener('click', (event) => { if (!userMenu.contains(event.target)) { userMenu.classList.remove('o_open'); } });
        this.navbar.replaceChildren(toggle, el('a', { href: '/web', class: 'o_menu_brand' }, 'OpenERP CRM'), tops, userMenu);
    }

    selectTop(topId, activeId) {
        for (const link of this.navbar.querySelectorAll('.o_menu_top')) {
            link.classList.toggle('active', parseInt(link.dataset.menuId, 10) === topId);
        }
        if (topId !== this.currentTop) {
            this.currentTop = topId;
            this.renderSidebar(topId);
        }
        for (const link of this.sidebar.querySelectorAll('.o_menu_item')) {
            link.classList.toggle('active', parseInt(link.dataset.menuId, 10) === activeId);
        }
    }

    renderSidebar(topId) {
        this.sidebar.replaceChildren();
        const top = this.menus[topId];
        if (!top) {
            return;
        }
        const build = (ids, depth) => {
            const list = el('ul', { class: `o_menu_level_${depth}` });
            for (const id of ids) {
                const menu = this.menus[id];
                const item = el('li');
                if (menu.action) {
                    const link = el('a', { href: `#menu_id=${id}`, class: 'o_menu_item', dataset: { menuId: id, menuXmlid: menu.xmlid || '' } }, menu.name);
                    link.addEventListener('click', (event) => { event.preventDefault(); this.openMenu(id); });
                    item.appendChild(link);
                } else {
                    item.appendChild(el('span', { class: 'o_menu_section', dataset: { menuId: id, menuXmlid: menu.xmlid || '' } }, menu.name));
                }
                if (menu.children.length) {
                    item.appendChild(build(menu.children, depth + 1));
                }
                list.appendChild(item);
            }
            return list;
        };
        this.sidebar.appendChild(build(top.children, 0));
    }

    closeSidebarOnPhone() {
        document.body.classList.remove('o_sidebar_open');
    }
}

async function boot() {
    let root = document.querySelector('.o_web_client');
    if (!root) {
        root = el('div', { class: 'o_web_client' });
        document.body.appendChild(root);
    }
    const client = new WebClient(root);
    window.webClient = client;
    try {
        await client.start();
    } catch (error) {
        notifyError(error);
        document.body.classList.add('o_web_client_ready');
    }
}

if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
} else {
    boot();
}
