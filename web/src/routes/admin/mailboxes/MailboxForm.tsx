// One mailbox: its addresses, where new appeals go, how mail comes in (Otklik's SMTP listener or IMAP polling)
// and how replies leave (an SMTP relay, or .eml files). Passwords are write-only: left empty, they stay as set.
import {
  Checkbox,
  Fieldset,
  Grid,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminKeys,
  createMailbox,
  INBOUND_MODES,
  queuesQuery,
  updateMailbox,
  type Mailbox,
  type MailboxInput,
} from '../../../api/admin.ts';
import { unitsQuery } from '../../../api/queries.ts';
import { APPEAL_KINDS, type AppealKind } from '../../../api/types.ts';
import { FormFooter, formErrors, useSaveAndClose } from '../form.tsx';

type Inbound = Mailbox['inbound'];

export function MailboxForm({ mailbox: m, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const queues = useQuery(queuesQuery);
  const [name, setName] = useState(m?.name ?? '');
  const [address, setAddress] = useState(m?.address ?? '');
  const [displayName, setDisplayName] = useState(m?.displayName ?? '');
  const [aliases, setAliases] = useState(m?.aliases ?? []);
  const [unitId, setUnitId] = useState<string | null>(m?.unitId ?? null);
  const [kind, setKind] = useState<AppealKind>(m?.kind ?? 'incident');
  const [queueId, setQueueId] = useState<string | null>(m?.queueId ?? null);
  const [inbound, setInbound] = useState<Inbound>(m?.inbound ?? 'smtp');
  const [imap, setImap] = useState({
    host: m?.imap?.host ?? '',
    port: m?.imap?.port ?? 993,
    secure: m?.imap?.secure ?? true,
    user: m?.imap?.user ?? '',
    password: '',
    folder: m?.imap?.folder ?? 'INBOX',
    processed: m?.imap?.processed ?? 'mark',
    moveTo: m?.imap?.moveTo ?? '',
  });
  const [relay, setRelay] = useState(m?.smtp !== null && m?.smtp !== undefined);
  const [smtp, setSmtp] = useState({
    host: m?.smtp?.host ?? '',
    port: m?.smtp?.port ?? 587,
    secure: m?.smtp?.secure ?? false,
    user: m?.smtp?.user ?? '',
    password: '',
  });
  const [autoAck, setAutoAck] = useState(m?.autoAck ?? false);
  const [active, setActive] = useState(m?.active ?? true);

  const save = useSaveAndClose(
    (body: MailboxInput) => (m ? updateMailbox(m.id, body) : createMailbox(body)),
    adminKeys.mailboxes,
    onClose,
  );
  const errors = formErrors(save.error, t);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: MailboxInput = {
      name: name.trim(),
      address: address.trim(),
      aliases,
      kind,
      inbound,
      autoAck,
      ...(displayName.trim() ? { displayName: displayName.trim() } : m ? { displayName: null } : {}),
      ...(unitId ? { unitId } : m ? { unitId: null } : {}),
      ...(queueId ? { queueId } : m ? { queueId: null } : {}),
    };
    if (inbound === 'imap') {
      body.imap = {
        host: imap.host.trim(),
        port: imap.port,
        secure: imap.secure,
        user: imap.user.trim(),
        folder: imap.folder.trim() || 'INBOX',
        processed: imap.processed,
        ...(imap.password ? { password: imap.password } : {}),
        ...(imap.processed === 'move' && imap.moveTo.trim() ? { moveTo: imap.moveTo.trim() } : {}),
      };
    } else if (m?.imap) {
      body.imap = null;
    }
    if (relay) {
      body.smtp = {
        host: smtp.host.trim(),
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user.trim() ? { user: smtp.user.trim() } : {}),
        ...(smtp.password ? { password: smtp.password } : {}),
      };
    } else if (m?.smtp) {
      body.smtp = null;
    }
    if (m) {
      body.active = active;
    }
    save.mutate(body);
  };
  const title = m ? t('admin.mailboxes.edit') : t('admin.mailboxes.new');
  const kept = t('admin.mailboxes.passwordKept');

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <Stack component="form" gap="sm" onSubmit={submit} aria-label={title} data-testid="mailbox-form">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('admin.mailboxes.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('admin.mailboxes.address')}
              required
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={errors.address}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label={t('admin.mailboxes.aliases')}
              description={t('admin.listHint')}
              value={aliases}
              onChange={setAliases}
              error={errors.aliases}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('admin.mailboxes.displayName')}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={errors.displayName}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('appeal.unit')}
              placeholder={t('common.notSet')}
              clearable
              searchable
              value={unitId}
              onChange={setUnitId}
              error={errors.unitId}
              data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('admin.mailboxes.kind')}
              value={kind}
              onChange={(v) => v && setKind(v as AppealKind)}
              allowDeselect={false}
              data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('admin.mailboxes.queue')}
              placeholder={t('common.notSet')}
              clearable
              value={queueId}
              onChange={setQueueId}
              error={errors.queueId}
              data={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            />
          </Grid.Col>
        </Grid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="mailbox-inbound">
            {t('admin.mailboxes.inbound')}
          </Text>
          <SegmentedControl
            value={inbound}
            onChange={(v) => setInbound(v as Inbound)}
            aria-labelledby="mailbox-inbound"
            data={INBOUND_MODES.map((mode) => ({ value: mode, label: t(`admin.mailboxes.inboundMode.${mode}`) }))}
          />
          <Text size="xs" c="dimmed">
            {t(`admin.mailboxes.inboundHint.${inbound}`)}
          </Text>
          {errors.imap && (
            <Text size="xs" c="red" role="alert">
              {errors.imap}
            </Text>
          )}
        </Stack>
        {inbound === 'imap' && (
          <Fieldset legend={t('admin.mailboxes.imap')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('admin.mailboxes.host')}
                  required
                  value={imap.host}
                  onChange={(e) => setImap({ ...imap, host: e.currentTarget.value })}
                  error={errors['imap.host']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput
                  label={t('admin.mailboxes.port')}
                  min={1}
                  max={65535}
                  value={imap.port}
                  onChange={(v) => setImap({ ...imap, port: Number(v) || 993 })}
                  error={errors['imap.port']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }} pt={{ base: 0, sm: 30 }}>
                <Checkbox
                  label={t('admin.mailboxes.tls')}
                  checked={imap.secure}
                  onChange={(e) => setImap({ ...imap, secure: e.currentTarget.checked })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('admin.mailboxes.user')}
                  required
                  value={imap.user}
                  onChange={(e) => setImap({ ...imap, user: e.currentTarget.value })}
                  error={errors['imap.user']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PasswordInput
                  label={t('admin.mailboxes.password')}
                  value={imap.password}
                  onChange={(e) => setImap({ ...imap, password: e.currentTarget.value })}
                  placeholder={m?.imap?.hasPassword ? kept : undefined}
                  description={
                    m?.imap?.hasPassword ? t('admin.mailboxes.hasPassword') : t('admin.mailboxes.noPassword')
                  }
                  error={errors['imap.password']}
                  autoComplete="new-password"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('admin.mailboxes.folder')}
                  value={imap.folder}
                  onChange={(e) => setImap({ ...imap, folder: e.currentTarget.value })}
                  error={errors['imap.folder']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('admin.mailboxes.processed')}
                  value={imap.processed}
                  allowDeselect={false}
                  onChange={(v) => v && setImap({ ...imap, processed: v as 'mark' | 'move' })}
                  data={[
                    { value: 'mark', label: t('admin.mailboxes.processedMark') },
                    { value: 'move', label: t('admin.mailboxes.processedMove') },
                  ]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('admin.mailboxes.moveTo')}
                  disabled={imap.processed !== 'move'}
                  value={imap.moveTo}
                  onChange={(e) => setImap({ ...imap, moveTo: e.currentTarget.value })}
                  error={errors['imap.moveTo']}
                />
              </Grid.Col>
            </Grid>
          </Fieldset>
        )}
        <Switch
          label={t('admin.mailboxes.relay')}
          description={t('admin.mailboxes.relayHint')}
          checked={relay}
          onChange={(e) => setRelay(e.currentTarget.checked)}
        />
        {relay && (
          <Fieldset legend={t('admin.mailboxes.smtp')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('admin.mailboxes.host')}
                  required
                  value={smtp.host}
                  onChange={(e) => setSmtp({ ...smtp, host: e.currentTarget.value })}
                  error={errors['smtp.host']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <NumberInput
                  label={t('admin.mailboxes.port')}
                  min={1}
                  max={65535}
                  value={smtp.port}
                  onChange={(v) => setSmtp({ ...smtp, port: Number(v) || 587 })}
                  error={errors['smtp.port']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }} pt={{ base: 0, sm: 30 }}>
                <Checkbox
                  label={t('admin.mailboxes.tls')}
                  checked={smtp.secure}
                  onChange={(e) => setSmtp({ ...smtp, secure: e.currentTarget.checked })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('admin.mailboxes.user')}
                  value={smtp.user}
                  onChange={(e) => setSmtp({ ...smtp, user: e.currentTarget.value })}
                  error={errors['smtp.user']}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PasswordInput
                  label={t('admin.mailboxes.password')}
                  value={smtp.password}
                  onChange={(e) => setSmtp({ ...smtp, password: e.currentTarget.value })}
                  placeholder={m?.smtp?.hasPassword ? kept : undefined}
                  description={m?.smtp?.hasPassword ? t('admin.mailboxes.hasPassword') : undefined}
                  error={errors['smtp.password']}
                  autoComplete="new-password"
                />
              </Grid.Col>
            </Grid>
          </Fieldset>
        )}
        <Group gap="lg">
          <Switch
            label={t('admin.mailboxes.autoAck')}
            checked={autoAck}
            onChange={(e) => setAutoAck(e.currentTarget.checked)}
          />
          {m && (
            <Switch label={t('admin.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          )}
        </Group>
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
