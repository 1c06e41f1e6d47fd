// The servers of a mailbox: the IMAP mailbox Otklik polls, and the SMTP relay replies leave through.
import { Checkbox, Fieldset, Grid, NumberInput, PasswordInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SPAN } from '../form.tsx';
import { IMAP_PORT, SMTP_PORT, type ImapDraft, type Processed, type SmtpDraft } from './mailbox-draft.ts';

interface ServerProps<Draft> {
  settings: Draft;
  onChange: (patch: Partial<Draft>) => void;
  /** The form's field errors; these fields' keys start with "imap." or "smtp.". */
  errors: Record<string, string>;
  /** A password is set on the server: an empty input keeps it. */
  hasPassword: boolean;
}

interface HostSettings {
  host: string;
  port: number;
  secure: boolean;
}

/** Host, port and TLS: the start of both servers' settings. */
function HostFields({
  prefix,
  defaultPort,
  settings,
  onChange,
  errors,
}: Omit<ServerProps<HostSettings>, 'hasPassword'> & { prefix: 'imap' | 'smtp'; defaultPort: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Grid.Col span={SPAN.half}>
        <TextInput
          label={t('admin.mailboxes.host')}
          required
          value={settings.host}
          onChange={(event) => onChange({ host: event.currentTarget.value })}
          error={errors[`${prefix}.host`]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.quarter}>
        <NumberInput
          label={t('admin.mailboxes.port')}
          min={1}
          max={65535}
          value={settings.port}
          onChange={(port) => onChange({ port: Number(port) || defaultPort })}
          error={errors[`${prefix}.port`]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.quarter} pt={{ base: 0, sm: 30 }}>
        <Checkbox
          label={t('admin.mailboxes.tls')}
          checked={settings.secure}
          onChange={(event) => onChange({ secure: event.currentTarget.checked })}
        />
      </Grid.Col>
    </>
  );
}

export function ImapFields({ settings, onChange, errors, hasPassword }: ServerProps<ImapDraft>) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('admin.mailboxes.imap')}>
      <Grid gap="sm">
        <HostFields prefix="imap" defaultPort={IMAP_PORT} settings={settings} onChange={onChange} errors={errors} />
        <Grid.Col span={SPAN.half}>
          <TextInput
            label={t('admin.mailboxes.user')}
            required
            value={settings.user}
            onChange={(event) => onChange({ user: event.currentTarget.value })}
            error={errors['imap.user']}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.half}>
          <PasswordInput
            label={t('admin.mailboxes.password')}
            value={settings.password}
            onChange={(event) => onChange({ password: event.currentTarget.value })}
            placeholder={hasPassword ? t('admin.mailboxes.passwordKept') : undefined}
            description={hasPassword ? t('admin.mailboxes.hasPassword') : t('admin.mailboxes.noPassword')}
            error={errors['imap.password']}
            autoComplete="new-password"
          />
        </Grid.Col>
        <Grid.Col span={SPAN.third}>
          <TextInput
            label={t('admin.mailboxes.folder')}
            value={settings.folder}
            onChange={(event) => onChange({ folder: event.currentTarget.value })}
            error={errors['imap.folder']}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.third}>
          <Select
            label={t('admin.mailboxes.processed')}
            value={settings.processed}
            allowDeselect={false}
            onChange={(processed) => processed && onChange({ processed: processed as Processed })}
            data={[
              { value: 'mark', label: t('admin.mailboxes.processedMark') },
              { value: 'move', label: t('admin.mailboxes.processedMove') },
            ]}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.third}>
          <TextInput
            label={t('admin.mailboxes.moveTo')}
            disabled={settings.processed !== 'move'}
            value={settings.moveTo}
            onChange={(event) => onChange({ moveTo: event.currentTarget.value })}
            error={errors['imap.moveTo']}
          />
        </Grid.Col>
      </Grid>
    </Fieldset>
  );
}

export function SmtpFields({ settings, onChange, errors, hasPassword }: ServerProps<SmtpDraft>) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('admin.mailboxes.smtp')}>
      <Grid gap="sm">
        <HostFields prefix="smtp" defaultPort={SMTP_PORT} settings={settings} onChange={onChange} errors={errors} />
        <Grid.Col span={SPAN.half}>
          <TextInput
            label={t('admin.mailboxes.user')}
            value={settings.user}
            onChange={(event) => onChange({ user: event.currentTarget.value })}
            error={errors['smtp.user']}
          />
        </Grid.Col>
        <Grid.Col span={SPAN.half}>
          <PasswordInput
            label={t('admin.mailboxes.password')}
            value={settings.password}
            onChange={(event) => onChange({ password: event.currentTarget.value })}
            placeholder={hasPassword ? t('admin.mailboxes.passwordKept') : undefined}
            description={hasPassword ? t('admin.mailboxes.hasPassword') : undefined}
            error={errors['smtp.password']}
            autoComplete="new-password"
          />
        </Grid.Col>
      </Grid>
    </Fieldset>
  );
}
