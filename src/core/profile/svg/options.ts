/** Size and labels shared by every profile chart builder. */
export interface ChartOptions {
  /** Accessible name, shown as `<title>` and `aria-label`. */
  title: string;
  /** Pixels; defaults 320 × 180. */
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** The x values are calendar years: ticks print 2014, not 2,014. */
  year?: boolean;
}
