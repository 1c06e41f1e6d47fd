// Russian by default, English on request; the user's choice lives on the server (PATCH /users/me).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import errorsEn from './errors.en.json';
import errorsRu from './errors.ru.json';
import ru from './ru.json';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language named in itself, for a choice of language. */
export const LANGUAGE_OPTIONS = [
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
];

void i18n.use(initReactI18next).init({
  // Every code the server may send, in both languages (test/server/error-codes.test.ts holds them to it).
  resources: { ru: { translation: { ...ru, ...errorsRu } }, en: { translation: { ...en, ...errorsEn } } },
  lng: 'ru',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
