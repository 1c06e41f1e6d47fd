// One ECharts chart: loads ECharts on first use, redraws when the option changes, reports clicks, hands its instance
// to the card (for the PNG export), and resizes with its box.
import { Skeleton } from '@mantine/core';
import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

export interface ChartClick {
  seriesName?: string;
  name: string;
  dataIndex: number;
  seriesIndex?: number;
}

type Option = Record<string, unknown>;

export function Chart({
  option,
  height = 260,
  onClick,
  onReady,
}: {
  option: Option;
  height?: number;
  onClick?: (click: ChartClick) => void;
  onReady?: (chart: EChartsType | null) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts.ts').then(({ echarts }) => {
      if (disposed || !box.current) {
        return;
      }
      const instance = echarts.init(box.current);
      instance.on('click', (event) => click.current?.(event as unknown as ChartClick));
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(box.current);
      setLoaded(true);
      onReady?.(instance);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      onReady?.(null);
    };
    // Mounted once: the option effect below redraws; onReady is read at mount and unmount only.
  }, []);

  useEffect(() => {
    if (loaded) {
      chart.current?.setOption(option, { notMerge: true });
    }
  }, [option, loaded]);

  return (
    <div style={{ position: 'relative', height }}>
      {!loaded && <Skeleton height={height} style={{ position: 'absolute', inset: 0 }} />}
      <div ref={box} style={{ height, cursor: onClick ? 'pointer' : undefined }} />
    </div>
  );
}
