package models

// MatrixCell is one agency's copy of one directive in a theme matrix.
type MatrixCell struct {
	AssignmentID uint
	Status       Status
	Progress     int
	DueOn        Day
	Timeliness   TimelinessInfo
}

// MatrixRow is an agency and its cells, one per directive of the matrix
// (nil where the agency holds no copy of that directive).
type MatrixRow struct {
	Agency Agency
	Cells  []*MatrixCell
}

// ThemeMatrix is the picture of a theme at the end of a day: the agencies
// holding its work down the side (ministries then provinces, in Vietnamese
// order), its directives across the top (by deadline). Rows holds one page
// of the agencies, Agencies counts them all; Directives holds one page of the
// directives, Columns counts them all.
type ThemeMatrix struct {
	Theme      *Theme
	AsOf       Day
	Directives []Directive
	Rows       []MatrixRow
	Agencies   int
	Columns    int
}
