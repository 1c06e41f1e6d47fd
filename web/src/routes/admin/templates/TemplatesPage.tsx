// Mail templates: each key in Russian and English, the built-in default or the saved override. A placeholder
// the key does not know is refused by the server (422) and shown under the field it is in.
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  NavLink,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { adminKeys, putTemplate, resetTemplate, templatesQuery } from '../../../api/admin.ts';
import { ApiError } from '../../../api/client.ts';
import type { Locale, MailTemplate } from '../../../api/contract.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { SaveError } from '../form.tsx';

/** The server names each unknown placeholder in English; say the same in the user's language. */
function templateErrors(error: unknown, template: MailTemplate, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const known = template.variables.map((v) => `{{${v}}}`).join(', ');
  const out: Record<string, string> = {};
  for (const f of error.fields) {
    const name = /\{\{[^}]*\}\}/.exec(f.message)?.[0];
    const message =
      f.code === 'unknown_variable' && name
        ? t('admin.templates.unknownVariable', { name, known })
        : t(`fieldError.${f.code}`, { defaultValue: f.message });
    out[f.path] = out[f.path] ? `${out[f.path]} ${message}` : message;
  }
  return out;
}

function TemplateEditor({ template }: { template: MailTemplate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const done = (message: string) => () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.templates });
    notifications.show({ color: 'green', message });
  };
  const save = useMutation({
    mutationFn: () => putTemplate({ ...template, subject, body }),
    onSuccess: done(t('admin.templates.saved')),
  });
  const reset = useMutation({
    mutationFn: () => resetTemplate(template),
    onSuccess: (restored) => {
      setSubject(restored.subject);
      setBody(restored.body);
      save.reset();
      done(t('admin.templates.restored'))();
    },
  });
  const errors = templateErrors(save.error, template, t);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('admin.templates.editor')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t(`mailTemplate.${template.key}`, { defaultValue: template.key })}
          </Title>
          <Badge variant="light" color={template.custom ? 'blue' : 'gray'}>
            {template.custom ? t('admin.templates.custom') : t('admin.templates.builtIn')}
          </Badge>
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('admin.templates.variables')}
          </Text>
          <Group gap={4} data-testid="template-variables">
            {template.variables.map((v) => (
              <Badge key={v} variant="outline" tt="none" ff="monospace">{`{{${v}}}`}</Badge>
            ))}
          </Group>
        </Stack>
        <TextInput
          label={t('admin.templates.subject')}
          required
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label={t('admin.templates.body')}
          required
          autosize
          minRows={8}
          maxRows={20}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
          styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        />
        <SaveError error={save.error} fields={errors} />
        {reset.isError && <Alert color="red">{String(reset.error)}</Alert>}
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="gray"
            disabled={!template.custom}
            loading={reset.isPending}
            onClick={() => reset.mutate()}
          >
            {t('admin.templates.reset')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

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
  const keysList = [...new Set(templates.data.map((x) => x.key))];
  if (keysList.length === 0) {
    return <EmptyState title={t('admin.templates.empty')} />;
  }
  const current = key ?? keysList[0]!;
  const template = templates.data.find((x) => x.key === current && x.locale === locale);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="xs">
          <SegmentedControl
            value={locale}
            onChange={(v) => setLocale(v as Locale)}
            aria-label={t('admin.templates.locale')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Paper withBorder p={4}>
            <ScrollArea.Autosize mah={480}>
              {keysList.map((k) => {
                const custom = templates.data.some((x) => x.key === k && x.locale === locale && x.custom);
                return (
                  <NavLink
                    key={k}
                    label={t(`mailTemplate.${k}`, { defaultValue: k })}
                    description={k}
                    active={k === current}
                    onClick={() => setKey(k)}
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
