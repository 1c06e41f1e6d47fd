// A mailbox's own fields: its addresses, where its new appeals go, and how its mail comes in.
import { Grid, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queuesQuery } from '../../../api/admin.ts';
import type { AppealKind } from '../../../api/contract.ts';
import { APPEAL_KINDS, INBOUND_MODES } from '../../../api/enums.ts';
import { unitsQuery } from '../../../api/queries.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { textInputs } from '../../../lib/form-draft.ts';
import { SPAN } from '../form.tsx';
import type { Inbound, MailboxDraft } from './mailbox-draft.ts';

interface DraftProps {
  draft: MailboxDraft;
  onChange: (patch: Partial<MailboxDraft>) => void;
  errors: Record<string, string>;
}

export function AddressFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const text = textInputs(draft, onChange, errors);
  return (
    <>
      <Grid.Col span={SPAN.half}>
        <TextInput label={t('admin.mailboxes.name')} required {...text('name')} />
      </Grid.Col>
      <Grid.Col span={SPAN.half}>
        <TextInput label={t('admin.mailboxes.address')} required {...text('address')} />
      </Grid.Col>
      <Grid.Col span={SPAN.half}>
        <TagsInput
          label={t('admin.mailboxes.aliases')}
          description={t('admin.listHint')}
          value={draft.aliases}
          onChange={(aliases) => onChange({ aliases })}
          error={errors.aliases}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.half}>
        <TextInput label={t('admin.mailboxes.displayName')} {...text('displayName')} />
      </Grid.Col>
    </>
  );
}

/** The unit, kind and queue of the appeals this mailbox opens. */
export function RoutingFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const queues = useQuery(queuesQuery);
  return (
    <>
      <Grid.Col span={SPAN.third}>
        <UnitSelect
          units={units.data ?? []}
          value={draft.unitId}
          onChange={(unitId) => onChange({ unitId })}
          error={errors.unitId}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.third}>
        <Select
          label={t('admin.mailboxes.kind')}
          value={draft.kind}
          onChange={(kind) => kind && onChange({ kind: kind as AppealKind })}
          allowDeselect={false}
          data={APPEAL_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
      </Grid.Col>
      <Grid.Col span={SPAN.third}>
        <Select
          label={t('admin.mailboxes.queue')}
          placeholder={t('common.notSet')}
          clearable
          value={draft.queueId}
          onChange={(queueId) => onChange({ queueId })}
          error={errors.queueId}
          data={(queues.data ?? []).map((queue) => ({ value: queue.id, label: queue.name }))}
        />
      </Grid.Col>
    </>
  );
}

/** Otklik's own SMTP listener, IMAP polling, or no inbound mail. */
export function InboundChoice({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="mailbox-inbound">
        {t('admin.mailboxes.inbound')}
      </Text>
      <SegmentedControl
        value={draft.inbound}
        onChange={(inbound) => onChange({ inbound: inbound as Inbound })}
        aria-labelledby="mailbox-inbound"
        data={INBOUND_MODES.map((mode) => ({ value: mode, label: t(`admin.mailboxes.inboundMode.${mode}`) }))}
      />
      <Text size="xs" c="dimmed">
        {t(`admin.mailboxes.inboundHint.${draft.inbound}`)}
      </Text>
      {errors.imap && (
        <Text size="xs" c="red" role="alert">
          {errors.imap}
        </Text>
      )}
    </Stack>
  );
}
