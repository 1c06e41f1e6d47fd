// Russian/English; the choice is saved on the user (PATCH /users/me) and restored at the next login.
import { SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { Locale, Me } from '../api/contract.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();

  const change = async (locale: string) => {
    const next = locale as Locale;
    const previous = i18n.language;
    await i18n.changeLanguage(next);
    try {
      await api.patch('/users/me', { locale: next });
      queryClient.setQueryData<Me>(keys.me, (me) => (me ? { ...me, locale: next } : me));
    } catch {
      await i18n.changeLanguage(previous);
      notifications.show({ color: 'red', message: t('errors.languageNotSaved') });
    }
  };

  return (
    <SegmentedControl
      size="xs"
      value={i18n.language}
      onChange={change}
      aria-label={t('nav.language')}
      data={[
        { value: 'ru', label: 'RU' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
