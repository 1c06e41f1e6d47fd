// The administration screens' words, added to the shared dictionary when the section first loads.
import i18n from '../../i18n/index.ts';
import en from '../../i18n/admin.en.json';
import ru from '../../i18n/admin.ru.json';

i18n.addResourceBundle('ru', 'translation', ru, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
