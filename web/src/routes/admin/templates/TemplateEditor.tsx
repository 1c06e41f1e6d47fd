// One mail template in one language: its subject and body with the placeholders its key knows. A placeholder the
// key does not know is refused by the server (422) and shown under the field it is in.
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, putTemplate, resetTemplate } from '../../../api/admin.ts';
import { ApiError } from '../../../api/client.ts';
import type { FieldError, MailTemplate } from '../../../api/contract.ts';
import { gatherByKey, translateFieldError } from '../../../lib/field-errors.ts';
import { SaveError } from '../form.tsx';

/** The server names each unknown placeholder in English; say the same in the user's language. */
function templateErrors(error: unknown, template: MailTemplate, translate: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const known = template.variables.map((variable) => `{{${variable}}}`).join(', ');
  const messageOf = (field: FieldError) => {
    const name = /\{\{[^}]*\}\}/.exec(field.message)?.[0];
    return field.code === 'unknown_variable' && name
      ? translate('admin.templates.unknownVariable', { name, known })
      : translateFieldError(field, translate);
  };
  return gatherByKey(
    error.fields.map((field) => [field.path, messageOf(field)] as const),
    (path) => path,
  );
}

/** The template's name, whether it is the built-in text or a saved one, and the placeholders it may use. */
function TemplateHeading({ template }: { template: MailTemplate }) {
  const { t } = useTranslation();
  return (
    <>
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
          {template.variables.map((variable) => (
            <Badge key={variable} variant="outline" tt="none" ff="monospace">{`{{${variable}}}`}</Badge>
          ))}
        </Group>
      </Stack>
    </>
  );
}

export function TemplateEditor({ template }: { template: MailTemplate }) {
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('admin.templates.editor')}>
      <Stack gap="sm">
        <TemplateHeading template={template} />
        <TextInput
          label={t('admin.templates.subject')}
          required
          value={subject}
          onChange={(event) => setSubject(event.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label={t('admin.templates.body')}
          required
          autosize
          minRows={8}
          maxRows={20}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
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
