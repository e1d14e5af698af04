import { definePlugin } from '../../../core/index.js';
import { seedDemoCallCenter } from '../seed/seed-demo.js';
import { normalisePhones, PHONE_FIELDS } from './phone-hooks.js';
import { CALLCENTER_PROBLEMS } from './problems.js';
import { checkIvrMenu, seedIvrMenus } from './ivr-menus.js';
import { routes } from './routes.js';
import { dropRoutingConfig, idleAfterWrapUp } from './agent-hooks.js';
import { ROUTING_CONFIG_ENTITIES } from '../routing/routing-config.js';

/** 呼叫中心: phone numbers in E.164, inbound routing and the agent console, the wallboard, and the demo call center. */
export default definePlugin({
  setup(api) {
    api.errors(CALLCENTER_PROBLEMS);
    for (const [entity, fields] of Object.entries(PHONE_FIELDS)) {
      api.before(`${entity}.create`, normalisePhones(fields));
      api.before(`${entity}.update`, normalisePhones(fields));
    }
    for (const entity of ['call_list_entry', 'do_not_call']) {
      api.before(`${entity}.create`, normalisePhones(['phone']));
      api.before(`${entity}.update`, normalisePhones(['phone']));
    }
    api.before('call_agent.create', idleAfterWrapUp);
    api.before('call_agent.update', idleAfterWrapUp);
    for (const entity of ROUTING_CONFIG_ENTITIES) for (const action of ['create', 'update', 'delete', 'restore'] as const) api.after(`${entity}.${action}`, dropRoutingConfig);
    api.before('ivr_menu.create', checkIvrMenu);
    api.before('ivr_menu.update', checkIvrMenu);
    for (const route of routes) api.route(route);
    api.seed({ name: 'ivr-menus', run: seedIvrMenus });
    api.seed({ name: 'demo-callcenter', demo: true, run: seedDemoCallCenter });
  },
});
