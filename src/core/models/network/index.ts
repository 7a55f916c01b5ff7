/** Networks' door for the helper thread that computes half of each batch's gradient (a worker, or a Node thread in the CLI). */
export { serveGradientHelper, setGradientHelperFactory, type GradientHelperFactory, type GradientHelperInit } from './sharedGradient';
