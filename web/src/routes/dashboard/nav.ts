// The navigation link's words, loaded with the shell (the dashboard's own words load with the screen).
import i18n from '../../i18n/index.ts';

i18n.addResourceBundle('ru', 'translation', { dashboardNav: 'Аналитика' }, true, false);
i18n.addResourceBundle('en', 'translation', { dashboardNav: 'Analytics' }, true, false);
