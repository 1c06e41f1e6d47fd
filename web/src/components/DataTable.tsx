// The table of a list screen (the administrator's directories, customers): its columns and rows, the loading,
// empty and error states around it, and each row's actions in the last column.
import { Paper, Table, type TableTdProps, type TableTrProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryStates } from './states.tsx';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Shown from the "md" breakpoint up: what a tablet can do without. */
  wide?: boolean;
  /** The cell's own props: weight, indent… */
  cellProps?: (row: Row) => TableTdProps;
}

/** A row's own props: dimmed when inactive, data attributes the browser tests find it by. */
export type RowProps = TableTrProps & { [attribute: `data-${string}`]: string | number | undefined };

export interface DataTableProps<Data, Row> {
  query: UseQueryResult<Data>;
  /** The rows to show, in order, from what the query answered. */
  rows: (data: Data) => Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => RowProps;
  /** Buttons of a row (edit, revoke…), in a last column without a header. */
  actions?: (row: Row) => ReactNode;
  empty: ReactNode;
  /** The table's accessible name. */
  label: string;
  testId: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  skeletonRows?: number;
  highlightOnHover?: boolean;
  verticalSpacing?: number;
}

export function DataTable<Data, Row>({
  query,
  rows,
  columns,
  rowKey,
  rowProps,
  actions,
  empty,
  label,
  testId,
  minWidth = 640,
  skeletonRows,
  highlightOnHover = false,
  verticalSpacing = 6,
}: DataTableProps<Data, Row>) {
  return (
    <QueryStates query={query} rows={skeletonRows} isEmpty={(data) => rows(data).length === 0} empty={empty}>
      {(data) => (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
            <Table
              verticalSpacing={verticalSpacing}
              fz="sm"
              highlightOnHover={highlightOnHover}
              aria-label={label}
              data-testid={testId}
            >
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column, index) => (
                    <Table.Th key={index} visibleFrom={column.wide ? 'md' : undefined}>
                      {column.header}
                    </Table.Th>
                  ))}
                  {actions && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows(data).map((row) => (
                  <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
                    {columns.map((column, index) => (
                      <Table.Td key={index} visibleFrom={column.wide ? 'md' : undefined} {...column.cellProps?.(row)}>
                        {column.cell(row)}
                      </Table.Td>
                    ))}
                    {actions && <Table.Td>{actions(row)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </QueryStates>
  );
}
