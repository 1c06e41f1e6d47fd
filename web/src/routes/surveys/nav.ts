// The navigation link's words, loaded with the shell (the rest of the survey words load with the screen).
import i18n from '../../i18n/index.ts';

i18n.addResourceBundle('ru', 'translation', { surveysNav: 'Опросы и индексы' }, true, false);
i18n.addResourceBundle('en', 'translation', { surveysNav: 'Surveys and indices' }, true, false);
