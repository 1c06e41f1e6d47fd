// Search box and filters of a queue; the search box waits for a pause in typing before it asks the server.
import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealSort } from '../../api/contract.ts';
import { APPEAL_KINDS, CHANNELS, PRIORITIES, SORTS, STATUSES } from '../../api/enums.ts';
import type { QueueSearch } from './search.ts';

const SEARCH_PAUSE_MS = 350;

export function QueueFilters({ search, onChange }: { search: QueueSearch; onChange: (next: QueueSearch) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(search.q ?? '');
  const commitText = useDebouncedCallback(
    (text: string) => onChange({ ...search, q: text.trim() || undefined }),
    SEARCH_PAUSE_MS,
  );
  const set = (patch: Partial<QueueSearch>) => onChange({ ...search, ...patch });
  const options = (prefix: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput
        label={t('queues.search')}
        placeholder={t('queues.searchPlaceholder')}
        type="search"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          commitText(event.currentTarget.value);
        }}
        w={{ base: '100%', sm: 260 }}
        data-testid="queue-search"
      />
      <MultiSelect
        label={t('appeal.status')}
        placeholder={t('queues.any')}
        data={options('status', STATUSES)}
        value={search.status ?? []}
        onChange={(statuses) => set({ status: statuses.length ? statuses : undefined })}
        w={220}
        clearable
      />
      <Select
        label={t('appeal.kind')}
        placeholder={t('queues.any')}
        data={options('kind', APPEAL_KINDS)}
        value={search.kind ?? null}
        onChange={(kind) => set({ kind: kind ?? undefined })}
        w={150}
        clearable
      />
      <Select
        label={t('appeal.channel')}
        placeholder={t('queues.any')}
        data={options('channel', CHANNELS)}
        value={search.channel ?? null}
        onChange={(channel) => set({ channel: channel ?? undefined })}
        w={170}
        clearable
      />
      <Select
        label={t('appeal.priority')}
        placeholder={t('queues.any')}
        data={options('priority', PRIORITIES)}
        value={search.priority ?? null}
        onChange={(priority) => set({ priority: priority ?? undefined })}
        w={140}
        clearable
      />
      <Select
        label={t('queues.sort')}
        data={SORTS.map((sort) => ({ value: sort, label: t(`queues.sortOption.${sort}`) }))}
        value={search.sort ?? '-createdAt'}
        onChange={(sort) => set({ sort: (sort ?? undefined) as AppealSort | undefined })}
        w={190}
        allowDeselect={false}
      />
    </Group>
  );
}
