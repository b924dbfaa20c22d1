// ECharts with only what the dashboard draws (bars, lines, maps, scatter on a map), not the whole
// library: the pages that chart import this, and main.ts loads those pages on demand, so the
// login page and first paint never wait for it.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, MarkLineComponent,
  TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export type ECharts = echarts.ECharts;
