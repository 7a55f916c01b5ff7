/** Model operations as files: the pipeline spec a CI job runs, and the CI files that run it. */
export { PIPELINE_FORMAT, optionFlags, parsePipeline, type PipelineSpec } from './pipelineSpec';
export { automationFiles, pipelineOf, type AutomateInput, type CiOptions } from './ciFiles';
