// Merging two records of one person: pick the other customer and which one stays, read what would move,
// then merge. The merged record stays as a tombstone pointing at the survivor.
import { Alert, Button, Group, Modal, Radio, Skeleton, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel, mergeCustomer, mergePreviewQuery } from '../../api/customers.ts';
import { keys } from '../../api/queries.ts';
import type { Customer } from '../../api/contract.ts';
import { CustomerPicker } from '../../components/CustomerPicker.tsx';
import { errorMessage } from '../../components/states.tsx';
import { Preview } from './MergePreview.tsx';

export function MergeDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [other, setOther] = useState<Customer | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [merged, survivor] = keep === 'this' ? [other, customer] : [customer, other];
  const preview = useQuery(mergePreviewQuery(merged?.id ?? '', merged && survivor ? survivor.id : null));
  const merge = useMutation({
    mutationFn: (pair: { merged: Customer; survivor: Customer }) => mergeCustomer(pair.merged.id, pair.survivor.id),
    onSuccess: (result) => {
      // The preview of a merge that happened would now answer 409: it is not asked again.
      void queryClient.invalidateQueries({
        queryKey: keys.customers,
        predicate: (query) => !query.queryKey.includes('merge-preview'),
      });
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      onClose();
      void navigate({ to: '/customers/$customerId', params: { customerId: result.customer.id } });
    },
  });
  const unnamed = t('customer.unnamed');
  // Duplicates often share a name: the first contact tells the two records apart.
  const named = (record: Customer) => {
    const contact = record.phones[0]?.value ?? record.emails[0]?.value;
    return contact ? `${customerLabel(record, unnamed)} (${contact})` : customerLabel(record, unnamed);
  };

  return (
    <Modal opened onClose={onClose} title={t('customers.mergeTitle')} size="lg">
      <Stack gap="md">
        <CustomerPicker label={t('customers.mergeWith')} exclude={customer.id} value={other} onChange={setOther} />
        {other && (
          <Radio.Group
            value={keep}
            onChange={(value) => setKeep(value as 'this' | 'other')}
            label={t('customers.whoStays')}
          >
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
            <Preview preview={preview.data} mergedName={named(merged)} survivorName={named(survivor)} />
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
          <Button
            color="orange"
            disabled={!preview.data}
            loading={merge.isPending}
            onClick={() => merged && survivor && merge.mutate({ merged, survivor })}
          >
            {t('customers.mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
