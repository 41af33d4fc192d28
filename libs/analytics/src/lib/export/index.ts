export { isFormulaLike, neutralizeFormula } from './spreadsheet-cell.js';
