import 'element-plus/dist/index.css';
import '../../styles.css';
import { createApp } from 'vue';
import portal from '../messages/portal.js';
import survey from '../messages/survey.js';
import { createPublicI18n } from '../i18n.js';
import { tenantFromPath } from '../tenant-from-path.js';
import App from './App.vue';

/** The portal entry, served at /portal/:tenant/…: its own code-split bundle, no staff app code. */
const app = createApp(App, { tenant: tenantFromPath(location.pathname, 'portal') });
app.use(createPublicI18n({ en: { ...portal.en, ...survey.en }, 'zh-CN': { ...portal['zh-CN'], ...survey['zh-CN'] } }));
app.mount('#app');
