// The customer screens' words, added to the shared dictionary when one of those screens first loads, so that
// the first page carries none of them.
import i18n from '../../i18n/index.ts';
import en from '../../i18n/customers.en.json';
import ru from '../../i18n/customers.ru.json';

i18n.addResourceBundle('ru', 'translation', ru, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
