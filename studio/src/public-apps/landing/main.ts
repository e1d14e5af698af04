import 'element-plus/dist/index.css';
import '../../styles.css';
import { createApp } from 'vue';
import own from '../messages/landing.js';
import { createPublicI18n } from '../i18n.js';
import { tenantFromPath } from '../tenant-from-path.js';
import App from './App.vue';
import SurveyPage from './SurveyPage.vue';

/**
 * The landing entry, served at /p/:tenant/…: its own code-split bundle, no staff app code.
 * `/p/<tenant>/survey/<token>` is a survey link's page; any other `/p/<tenant>/<page>` a campaign landing page.
 */
const parts = location.pathname.split('/').filter(Boolean);
const app = createApp(parts[2] === 'survey' && parts[3] ? SurveyPage : App, { tenant: tenantFromPath(location.pathname, 'p') });
app.use(createPublicI18n(own));
app.mount('#app');
