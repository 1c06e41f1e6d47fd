// Before login there is no user to remember the language on; the choice holds for this page only.
import { Group, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LanguageSwitchLocal() {
  const { t, i18n } = useTranslation();
  return (
    <Group justify="center">
      <SegmentedControl
        size="xs"
        value={i18n.language}
        onChange={(language) => void i18n.changeLanguage(language)}
        aria-label={t('nav.language')}
        data={[
          { value: 'ru', label: 'Русский' },
          { value: 'en', label: 'English' },
        ]}
      />
    </Group>
  );
}
