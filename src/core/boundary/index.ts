/** The live decision-boundary view's training loop (TF.js, CPU backend) and the grid arithmetic behind it. */
export { createBoundaryService, type BoundaryFrame, type BoundaryInput, type BoundarySetup } from './boundaryService';
export { classCells, classCodes, extentOf, gridMatrix, moments, standardMatrix, usableRows, type Extent } from './boundaryGrid';
