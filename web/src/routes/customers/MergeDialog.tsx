// Merging two records of one person: pick the other customer and which one stays, read what would move,
// then merge. The merged record stays as a tombstone pointing at the survivor.
import { Alert, Badge, Button, Group, List, Modal, Radio, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel, mergeCustomer, mergePreviewQuery } from '../../api/customers.ts';
import { keys } from '../../api/queries.ts';
import type { Customer, MergePreview } from '../../api/contract.ts';
import { CustomerPicker } from '../../components/CustomerPicker.tsx';
import { errorMessage } from '../../components/states.tsx';

const show = (v: unknown) =>
  Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v ?? '—');

function Preview({ p, mergedName, survivorName }: { p: MergePreview; mergedName: string; survivorName: string }) {
  const { t } = useTranslation();
  const kinds = Object.entries(p.appeals.byKind);
  return (
    <Stack gap="sm" data-testid="merge-preview">
      <Text size="sm">{t('customers.previewIntro', { merged: mergedName, survivor: survivorName })}</Text>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('customers.previewAppeals', { count: p.appeals.total })}
        </Text>
        {kinds.length > 0 && (
          <Group gap={4}>
            {kinds.map(([k, n]) => (
              <Badge key={k} variant="light" tt="none">
                {t(`kind.${k}`)}: {n}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      {p.identities.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('customers.previewContacts')}
          </Text>
          <List size="sm" spacing={2}>
            {p.identities.map((i) => (
              <List.Item key={`${i.kind}:${i.value}`}>
                {i.value} —{' '}
                <Text span c={i.outcome === 'moves' ? 'green.8' : 'dimmed'} size="sm">
                  {t(`customers.outcome.${i.outcome}`)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {p.fills.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('customers.previewFills')}
          </Text>
          <List size="sm" spacing={2}>
            {p.fills.map((f) => (
              <List.Item key={f.field}>
                {t(`customers.field.${f.field}`, { defaultValue: f.field })}: {show(f.value)}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {p.conflicts.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('customers.previewConflicts')}
          </Text>
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customers.fieldName')}</Table.Th>
                <Table.Th>{t('customers.kept')}</Table.Th>
                <Table.Th>{t('customers.dropped')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.conflicts.map((c) => (
                <Table.Tr key={c.field}>
                  <Table.Td>{t(`customers.field.${c.field}`, { defaultValue: c.field })}</Table.Td>
                  <Table.Td>{show(c.kept)}</Table.Td>
                  <Table.Td c="dimmed">{show(c.dropped)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

export function MergeDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [other, setOther] = useState<Customer | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [merged, survivor] = keep === 'this' ? [other, customer] : [customer, other];
  const preview = useQuery(mergePreviewQuery(merged?.id ?? '', merged && survivor ? survivor.id : null));
  const merge = useMutation({
    mutationFn: () => mergeCustomer(merged!.id, survivor!.id),
    onSuccess: (result) => {
      // The preview of a merge that happened would now answer 409: it is not asked again.
      void queryClient.invalidateQueries({
        queryKey: keys.customers,
        predicate: (q) => !q.queryKey.includes('merge-preview'),
      });
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      onClose();
      void navigate({ to: '/customers/$customerId', params: { customerId: result.customer.id } });
    },
  });
  const unnamed = t('customer.unnamed');
  // Duplicates often share a name: the first contact tells the two records apart.
  const named = (c: Customer) => {
    const contact = c.phones[0]?.value ?? c.emails[0]?.value;
    return contact ? `${customerLabel(c, unnamed)} (${contact})` : customerLabel(c, unnamed);
  };

  return (
    <Modal opened onClose={onClose} title={t('customers.mergeTitle')} size="lg">
      <Stack gap="md">
        <CustomerPicker label={t('customers.mergeWith')} exclude={customer.id} value={other} onChange={setOther} />
        {other && (
          <Radio.Group value={keep} onChange={(v) => setKeep(v as 'this' | 'other')} label={t('customers.whoStays')}>
            <Stack gap={6} mt={4}>
              <Radio value="this" label={t('customers.keep', { name: named(customer) })} />
              <Radio value="other" label={t('customers.keep', { name: named(other) })} />
            </Stack>
          </Radio.Group>
        )}
        {merged &&
          survivor &&
          (preview.isPending ? (
            <Skeleton height={120} />
          ) : preview.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(preview.error, t)}
            </Alert>
          ) : (
            <Preview p={preview.data} mergedName={named(merged)} survivorName={named(survivor)} />
          ))}
        {merge.isError && (
          <Alert color="red" role="alert">
            {errorMessage(merge.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" disabled={!preview.data} loading={merge.isPending} onClick={() => merge.mutate()}>
            {t('customers.mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
