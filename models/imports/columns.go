// Package imports reads directives with their agencies from a spreadsheet
// (.xlsx, or .csv in UTF-8 with or without a BOM, comma or semicolon
// separated) and writes the template such a file starts from. It turns
// cells into the inputs the store validates and creates, reporting what is
// wrong with each row by its row number; it writes nothing to a database.
package imports

import (
	"roviec/models"
	"strings"
)

// Column is one column of the template: its key (the field named in error
// messages and the API) and the headers it is recognised by.
type Column struct {
	Key    string
	Header string // the template's Vietnamese header
	Note   string // what the template's guide says of it
	// also are other headers accepted for it (English, short forms),
	// compared folded (no case, no diacritics).
	also []string
}

// The column keys, in the template's order.
const (
	ColTitle       = "title"
	ColDescription = "description"
	ColDeliverable = "deliverable"
	ColThemeMonth  = "theme_month"
	ColPillar      = "pillar"
	ColDueDate     = "due_date"
	ColAgencies    = "agencies"
	ColDocNumber   = "document_number"
	ColDocDate     = "document_date"
)

// Columns are the template's columns, in order.
var Columns = []Column{
	{ColTitle, "Tên nhiệm vụ", "Bắt buộc; tối đa 500 ký tự", []string{"tiêu đề", "nhiệm vụ", "title"}},
	{ColDescription, "Mô tả", "Không bắt buộc", []string{"description"}},
	{ColDeliverable, "Sản phẩm", "Kết quả, sản phẩm đầu ra; tối đa 500 ký tự", []string{"sản phẩm đầu ra", "deliverable"}},
	{ColThemeMonth, "Tháng chủ đề", "Số tháng 1-12 trong năm của kế hoạch", []string{"tháng", "theme month", "month"}},
	{ColPillar, "Trụ cột", "Dữ liệu, Chính phủ số, Kinh tế số, Xã hội số, An toàn, an ninh mạng (hoặc data, government, economy, society, security)", []string{"pillar"}},
	{ColDueDate, "Hạn hoàn thành", "dd/mm/yyyy (hoặc ngày của Excel)", []string{"hạn", "thời hạn", "due date", "due"}},
	{ColAgencies, "Cơ quan thực hiện", "Mã cơ quan cách nhau bởi dấu phẩy, hoặc: tất cả bộ / tất cả tỉnh / tất cả (all ministries / all provinces / all)", []string{"cơ quan", "agencies"}},
	{ColDocNumber, "Số văn bản", "Số, ký hiệu văn bản giao nhiệm vụ, ví dụ 12/KH-BTTTT", []string{"số hiệu văn bản", "document number"}},
	{ColDocDate, "Ngày văn bản", "dd/mm/yyyy", []string{"ngày ban hành", "document date"}},
}

// columnOf is the key of the column a header names ("" when none).
func columnOf(header string) string {
	h := models.Fold(strings.TrimSpace(header))
	for _, c := range Columns {
		if h == models.Fold(c.Header) || h == c.Key {
			return c.Key
		}
		for _, a := range c.also {
			if h == models.Fold(a) {
				return c.Key
			}
		}
	}
	return ""
}
