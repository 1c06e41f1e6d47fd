// Units as a tree (store under its region, region under the company): create, edit, deactivate.
import { Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allUnitsQuery, createUnit, updateUnit } from '../../../api/admin.ts';
import type { Unit, UnitType } from '../../../api/contract.ts';
import { UNIT_TYPES } from '../../../api/enums.ts';
import { keys } from '../../../api/queries.ts';
import { RequireAbility } from '../../../components/Forbidden.tsx';
import { EmptyState, QueryStates } from '../../../components/states.tsx';
import { FormFooter, formErrors, TIME_ZONES, useSaveAndClose } from '../form.tsx';
import { asTree } from '../tree.ts';

function UnitForm({ unit, units, onClose }: { unit: Unit | null; units: Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<UnitType>(unit?.type ?? 'store');
  const [name, setName] = useState(unit?.name ?? '');
  const [code, setCode] = useState(unit?.code ?? '');
  const [timeZone, setTimeZone] = useState(unit?.timeZone ?? 'Europe/Moscow');
  const [parentId, setParentId] = useState<string | null>(unit?.parentId ?? null);
  const [active, setActive] = useState(unit?.active ?? true);
  const save = useSaveAndClose(keys.units, onClose);
  const errors = formErrors(save.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { type, name: name.trim(), timeZone };
    save.mutate(() =>
      unit
        ? updateUnit(unit.id, { ...fields, code: code.trim() || null, parentId, active })
        : createUnit({ ...fields, ...(code.trim() ? { code: code.trim() } : {}), ...(parentId ? { parentId } : {}) }),
    );
  };
  // A unit cannot sit under itself or its own descendants.
  const below = new Set<string>();
  if (unit) {
    for (const { item } of asTree(units, (u) => u.name)) {
      if (item.id === unit.id || (item.parentId && below.has(item.parentId))) {
        below.add(item.id);
      }
    }
  }

  return (
    <Modal opened onClose={onClose} title={unit ? t('admin.units.edit') : t('admin.units.new')}>
      <Stack
        component="form"
        gap="sm"
        onSubmit={submit}
        aria-label={unit ? t('admin.units.edit') : t('admin.units.new')}
      >
        <Select
          label={t('admin.units.type')}
          value={type}
          onChange={(v) => v && setType(v as UnitType)}
          allowDeselect={false}
          data={UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))}
          error={errors.type}
        />
        <TextInput
          label={t('admin.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label={t('admin.units.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
        />
        <Select
          label={t('admin.timeZone')}
          searchable
          value={timeZone}
          onChange={(v) => v && setTimeZone(v)}
          allowDeselect={false}
          data={TIME_ZONES}
          error={errors.timeZone}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('admin.units.parent')}
          placeholder={t('admin.units.noParent')}
          clearable
          searchable
          value={parentId}
          onChange={setParentId}
          data={units.filter((u) => !below.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
          error={errors.parentId}
          nothingFoundMessage={t('common.nothingFound')}
        />
        {unit && (
          <Switch label={t('admin.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        )}
        <FormFooter save={save} errors={errors} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

function Units() {
  const { t } = useTranslation();
  const units = useQuery(allUnitsQuery);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('admin.units.intro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('admin.units.new')}</Button>
      </Group>
      <QueryStates
        query={units}
        rows={5}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('admin.units.empty')} hint={t('admin.units.emptyHint')} />}
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table
                verticalSpacing={6}
                fz="sm"
                highlightOnHover
                aria-label={t('admin.section.units')}
                data-testid="units-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.name')}</Table.Th>
                    <Table.Th>{t('admin.units.type')}</Table.Th>
                    <Table.Th>{t('admin.units.code')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('admin.timeZone')}</Table.Th>
                    <Table.Th>{t('admin.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {asTree(data, (u) => u.name).map(({ item: u, depth }) => (
                    <Table.Tr key={u.id}>
                      <Table.Td style={{ paddingLeft: 8 + depth * 20 }}>
                        {depth > 0 && (
                          <Text span c="dimmed" aria-hidden>
                            └{' '}
                          </Text>
                        )}
                        <Text span fw={depth === 0 ? 600 : 400}>
                          {u.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`unitType.${u.type}`)}</Table.Td>
                      <Table.Td>{u.code ?? '—'}</Table.Td>
                      <Table.Td visibleFrom="md">{u.timeZone}</Table.Td>
                      <Table.Td>
                        {u.active ? (
                          <Badge variant="light" color="green" style={{ minWidth: 'max-content' }}>
                            {t('admin.activeYes')}
                          </Badge>
                        ) : (
                          <Badge variant="light" color="gray" style={{ minWidth: 'max-content' }}>
                            {t('admin.activeNo')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => setEditing(u)}
                          aria-label={`${t('admin.edit')}: ${u.name}`}
                        >
                          {t('admin.edit')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
      {editing && (
        <UnitForm unit={editing === 'new' ? null : editing} units={units.data ?? []} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

export function UnitsPage() {
  return (
    <RequireAbility ability="manageUnits">
      <Units />
    </RequireAbility>
  );
}
