// Mail templates: each key in Russian and English, the built-in default or the saved override.
import { Badge, Grid, NavLink, Paper, ScrollArea, SegmentedControl, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templatesQuery } from '../../../api/admin.ts';
import type { Locale } from '../../../api/contract.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { LANGUAGE_OPTIONS } from '../../../i18n/index.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

function Templates() {
  const { t, i18n } = useTranslation();
  const templates = useQuery(templatesQuery);
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'ru');
  const [key, setKey] = useState<string | null>(null);

  if (templates.isPending) {
    return <TableSkeleton rows={6} />;
  }
  if (templates.isError) {
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  }
  const templateKeys = [...new Set(templates.data.map((template) => template.key))];
  const current = key ?? templateKeys[0];
  if (current === undefined) {
    return <EmptyState title={t('admin.templates.empty')} />;
  }
  const template = templates.data.find((candidate) => candidate.key === current && candidate.locale === locale);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="xs">
          <SegmentedControl
            value={locale}
            onChange={(value) => setLocale(value as Locale)}
            aria-label={t('admin.templates.locale')}
            data={LANGUAGE_OPTIONS}
          />
          <Paper withBorder p={4}>
            <ScrollArea.Autosize mah={480} viewportProps={{ tabIndex: 0 }}>
              {templateKeys.map((templateKey) => {
                const custom = templates.data.some(
                  (candidate) => candidate.key === templateKey && candidate.locale === locale && candidate.custom,
                );
                return (
                  <NavLink
                    key={templateKey}
                    label={t(`mailTemplate.${templateKey}`, { defaultValue: templateKey })}
                    description={templateKey}
                    active={templateKey === current}
                    onClick={() => setKey(templateKey)}
                    rightSection={
                      custom ? (
                        <Badge size="xs" variant="light">
                          {t('admin.templates.custom')}
                        </Badge>
                      ) : null
                    }
                  />
                );
              })}
            </ScrollArea.Autosize>
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {template ? (
          <TemplateEditor key={`${template.key}/${template.locale}/${template.updatedAt ?? ''}`} template={template} />
        ) : (
          <EmptyState title={t('admin.templates.empty')} />
        )}
      </Grid.Col>
    </Grid>
  );
}

export function TemplatesPage() {
  return (
    <RequireAbility ability="manageSettings">
      <Templates />
    </RequireAbility>
  );
}
