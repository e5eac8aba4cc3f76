// ECharts, tree-shaken to the chart kinds the reports draw (line, bar, heat map, pie) and the SVG
// renderer. Loaded on demand by `chart.tsx` (a chunk of its own), so the till's own screens never
// download it: the charting library weighs more than the rest of the desk together.
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import {
  DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart, HeatmapChart, LineChart, PieChart,
  DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
  SVGRenderer,
]);

export { echarts };
