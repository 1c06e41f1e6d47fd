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

type Connection = Pick<ImapDraft & SmtpDraft, 'host' | 'port' | 'secure' | 'user' | 'password'>;

/** What both servers ask: host, port, TLS, user and password. */
function ConnectionFields({
  server,
  settings,
  onChange,
  errors,
  hasPassword,
}: ServerProps<Connection> & { server: 'imap' | 'smtp' }) {
  const { t } = useTranslation();
  const imap = server === 'imap';
  // Without a password of its own an IMAP mailbox cannot be polled; an SMTP relay may need none.
  const passwordHint = hasPassword
    ? t('admin.mailboxes.hasPassword')
    : imap
      ? t('admin.mailboxes.noPassword')
      : undefined;
  return (
    <>
      <Grid.Col span={SPAN.half}>
        <TextInput
          label={t('admin.mailboxes.host')}
          required
          value={settings.host}
          onChange={(event) => onChange({ host: event.currentTarget.value })}
          error={errors[`${server}.host`]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.quarter}>
        <NumberInput
          label={t('admin.mailboxes.port')}
          min={1}
          max={65535}
          value={settings.port}
          onChange={(port) => onChange({ port: Number(port) || (imap ? IMAP_PORT : SMTP_PORT) })}
          error={errors[`${server}.port`]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.quarter} pt={{ base: 0, sm: 30 }}>
        <Checkbox
          label={t('admin.mailboxes.tls')}
          checked={settings.secure}
          onChange={(event) => onChange({ secure: event.currentTarget.checked })}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.half}>
        <TextInput
          label={t('admin.mailboxes.user')}
          required={imap}
          value={settings.user}
          onChange={(event) => onChange({ user: event.currentTarget.value })}
          error={errors[`${server}.user`]}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.half}>
        <PasswordInput
          label={t('admin.mailboxes.password')}
          value={settings.password}
          onChange={(event) => onChange({ password: event.currentTarget.value })}
          placeholder={hasPassword ? t('admin.mailboxes.passwordKept') : undefined}
          description={passwordHint}
          error={errors[`${server}.password`]}
          autoComplete="new-password"
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
        <ConnectionFields server="imap" {...{ settings, onChange, errors, hasPassword }} />
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

export function SmtpFields(props: ServerProps<SmtpDraft>) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('admin.mailboxes.smtp')}>
      <Grid gap="sm">
        <ConnectionFields server="smtp" {...props} />
      </Grid>
    </Fieldset>
  );
}
