// What the agent writes down about a call or a visit: how it came, its kind and priority, subject and description,
// and the unit and category it concerns.
import { Group, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealKind, Priority } from '../../api/contract.ts';
import { APPEAL_KINDS, PRIORITIES } from '../../api/enums.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { textInputs } from '../../lib/form-draft.ts';

export interface AppealDraft {
  channel: 'phone' | 'walk_in';
  kind: AppealKind;
  priority: Priority;
  subject: string;
  description: string;
  unitId: string | null;
  categoryId: string | null;
}

export const blankAppeal: AppealDraft = {
  channel: 'phone',
  kind: 'incident',
  priority: 'normal',
  subject: '',
  description: '',
  unitId: null,
  categoryId: null,
};

interface DraftProps {
  draft: AppealDraft;
  onChange: (patch: Partial<AppealDraft>) => void;
  errors: Record<string, string>;
}

/** The unit and the category; only active ones, and only the categories of the appeal's kind. */
function PlaceFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const categories = directory.categories.filter((category) => category.active && category.kinds.includes(draft.kind));
  return (
    <Group grow>
      <UnitSelect
        units={directory.units.filter((unit) => unit.active)}
        value={draft.unitId}
        onChange={(unitId) => onChange({ unitId })}
        error={errors.unitId}
      />
      <Select
        label={t('appeal.category')}
        placeholder={t('common.notSet')}
        clearable
        searchable
        value={draft.categoryId}
        onChange={(categoryId) => onChange({ categoryId })}
        data={categories.map((category) => ({ value: category.id, label: directory.categoryName(category) }))}
        error={errors.categoryId}
        nothingFoundMessage={t('common.nothingFound')}
      />
    </Group>
  );
}

export function AppealFields({ draft, onChange, errors }: DraftProps) {
  const { t } = useTranslation();
  const text = textInputs(draft, onChange, errors);
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={draft.channel}
        onChange={(channel) => onChange({ channel: channel as AppealDraft['channel'] })}
        aria-label={t('appeal.channel')}
        data={[
          { value: 'phone', label: t('channel.phone') },
          { value: 'walk_in', label: t('channel.walk_in') },
        ]}
      />
      <Group grow>
        <Select
          label={t('appeal.kind')}
          allowDeselect={false}
          value={draft.kind}
          // Categories belong to kinds: another kind clears the category.
          onChange={(kind) => kind && onChange({ kind: kind as AppealKind, categoryId: null })}
          data={APPEAL_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
        <Select
          label={t('appeal.priority')}
          allowDeselect={false}
          value={draft.priority}
          onChange={(priority) => priority && onChange({ priority: priority as Priority })}
          data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        />
      </Group>
      <TextInput label={t('appeal.subject')} required {...text('subject')} />
      <Textarea label={t('appeal.description')} autosize minRows={4} {...text('description')} />
      <PlaceFields draft={draft} onChange={onChange} errors={errors} />
    </Stack>
  );
}
