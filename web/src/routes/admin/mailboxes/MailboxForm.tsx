// One mailbox: its addresses, where new appeals go, how mail comes in (Otklik's SMTP listener or IMAP polling)
// and how replies leave (an SMTP relay, or .eml files). Passwords are write-only: left empty, they stay as set.
import { Grid, Group, Switch } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createMailbox, updateMailbox } from '../../../api/admin.ts';
import type { Mailbox } from '../../../api/contract.ts';
import { ActiveSwitch, formErrors, FormFooter, FormModal, useSaveAndClose } from '../form.tsx';
import { createBody, draftOf, updateBody, type MailboxDraft } from './mailbox-draft.ts';
import { AddressFields, InboundChoice, RoutingFields } from './MailboxFields.tsx';
import { ImapFields, SmtpFields } from './MailServerFields.tsx';

export function MailboxForm({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(mailbox));
  const change = (patch: Partial<MailboxDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = useSaveAndClose(adminKeys.mailboxes, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(() =>
      mailbox ? updateMailbox(mailbox.id, updateBody(draft, mailbox)) : createMailbox(createBody(draft)),
    );
  };
  const title = mailbox ? t('admin.mailboxes.edit') : t('admin.mailboxes.new');
  const fields = { draft, onChange: change, errors };

  return (
    <FormModal title={title} onClose={onClose} onSubmit={submit} size="xl" testId="mailbox-form">
      <Grid gap="sm">
        <AddressFields {...fields} />
        <RoutingFields {...fields} />
      </Grid>
      <InboundChoice {...fields} />
      {draft.inbound === 'imap' && (
        <ImapFields
          settings={draft.imap}
          onChange={(patch) => change({ imap: { ...draft.imap, ...patch } })}
          errors={errors}
          hasPassword={mailbox?.imap?.hasPassword ?? false}
        />
      )}
      <Switch
        label={t('admin.mailboxes.relay')}
        description={t('admin.mailboxes.relayHint')}
        checked={draft.relay}
        onChange={(event) => change({ relay: event.currentTarget.checked })}
      />
      {draft.relay && (
        <SmtpFields
          settings={draft.smtp}
          onChange={(patch) => change({ smtp: { ...draft.smtp, ...patch } })}
          errors={errors}
          hasPassword={mailbox?.smtp?.hasPassword ?? false}
        />
      )}
      <Group gap="lg">
        <Switch
          label={t('admin.mailboxes.autoAck')}
          checked={draft.autoAck}
          onChange={(event) => change({ autoAck: event.currentTarget.checked })}
        />
        {mailbox && <ActiveSwitch checked={draft.active} onChange={(active) => change({ active })} />}
      </Group>
      <FormFooter save={save} errors={errors} onCancel={onClose} />
    </FormModal>
  );
}
