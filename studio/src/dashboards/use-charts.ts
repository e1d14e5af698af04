import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the chart types and parts dashboards draw, so the chart chunk stays small. SVG keeps
// charts sharp at any zoom and makes each bar and slice an element of the page.
use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, TitleComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** ECharts' own texts (tooltips, "other"…) in the app's language. */
export const chartLocale = (locale: string): string => (locale.startsWith('zh') ? 'ZH' : 'EN');
