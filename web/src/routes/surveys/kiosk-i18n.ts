// The kiosk links part's words, and the field errors its form may be told, added when the surveys screen loads.
import i18n from '../../i18n/index.ts';

const ru = {
  kioskLinks: {
    tab: 'Ссылки для планшетов',
    intro:
      'Планшет на стойке подразделения открывает ссылку и принимает ответы посетителей. ' +
      'Ссылка работает до своего срока; отзовите её, если планшет потерян или больше не нужен.',
    new: 'Новая ссылка для планшета',
    survey: 'Анкета',
    unit: 'Подразделение',
    label: 'Где стоит планшет',
    labelPlaceholder: 'Касса 2, у выхода',
    labelHint: 'Если пусто — название подразделения',
    expires: 'Работает до',
    expiresHint: 'Если пусто — срок по умолчанию',
    create: 'Создать ссылку',
    created: 'Ссылка создана: откройте её на планшете',
    copy: 'Копировать',
    copyLink: 'Копировать ссылку',
    link: 'Ссылка',
    copied: 'Скопировано',
    revoke: 'Отозвать',
    revokeTitle: 'Отозвать ссылку?',
    revokeHint: 'Планшет «{{label}}» сразу перестанет принимать ответы. Вернуть ссылку нельзя — только создать новую.',
    created_by: 'Создал',
    state: 'Состояние',
    live: 'Работает до {{date}}',
    expired: 'Истекла {{date}}',
    revoked: 'Отозвана {{date}}',
    empty: 'Ссылок для планшетов пока нет',
    emptyHint: 'Создайте ссылку выше и откройте её на планшете в подразделении.',
    table: 'Ссылки для планшетов',
    noSurveys: 'Нет активных анкет',
  },
  fieldError: {
    in_the_past: 'Срок должен быть в будущем',
    too_late: 'Срок дольше, чем может работать ссылка для планшета',
    unknown_unit: 'Такого подразделения нет',
    inactive: 'Анкета не активна',
    date_out_of_range: 'Дата должна лежать между 1900 и 9999 годом',
  },
};

const en: typeof ru = {
  kioskLinks: {
    tab: 'Kiosk links',
    intro:
      "A tablet at the unit's desk opens the link and takes visitors' answers. " +
      'The link works until its expiry; revoke it if the tablet is lost or no longer needed.',
    new: 'New kiosk link',
    survey: 'Survey',
    unit: 'Unit',
    label: 'Where the tablet stands',
    labelPlaceholder: 'Till 2, by the exit',
    labelHint: "Empty: the unit's name",
    expires: 'Works until',
    expiresHint: 'Empty: the default term',
    create: 'Create link',
    created: 'Link created: open it on the tablet',
    copy: 'Copy',
    copyLink: 'Copy link',
    link: 'Link',
    copied: 'Copied',
    revoke: 'Revoke',
    revokeTitle: 'Revoke the link?',
    revokeHint: 'The tablet “{{label}}” stops taking answers at once. A revoked link cannot come back; make a new one.',
    created_by: 'Created by',
    state: 'State',
    live: 'Works until {{date}}',
    expired: 'Expired {{date}}',
    revoked: 'Revoked {{date}}',
    empty: 'No kiosk links yet',
    emptyHint: 'Create a link above and open it on the tablet at the unit.',
    table: 'Kiosk links',
    noSurveys: 'No active surveys',
  },
  fieldError: {
    in_the_past: 'The expiry must be in the future',
    too_late: 'Longer than a kiosk link may work',
    unknown_unit: 'This unit does not exist',
    inactive: 'This survey is not active',
    date_out_of_range: 'The date must lie between the years 1900 and 9999',
  },
};

i18n.addResourceBundle('ru', 'translation', ru, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
