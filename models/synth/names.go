package synth

import (
	"math/rand/v2"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ministries are the central bodies a programme goes to: code, Vietnamese
// and English name.
func ministries() [][3]string {
	return [][3]string{
		{"BQP", "Bộ Quốc phòng", "Ministry of National Defence"},
		{"BCA", "Bộ Công an", "Ministry of Public Security"},
		{"BNG", "Bộ Ngoại giao", "Ministry of Foreign Affairs"},
		{"BNV", "Bộ Nội vụ", "Ministry of Home Affairs"},
		{"BTP", "Bộ Tư pháp", "Ministry of Justice"},
		{"BKHDT", "Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"},
		{"BTC", "Bộ Tài chính", "Ministry of Finance"},
		{"BCT", "Bộ Công Thương", "Ministry of Industry and Trade"},
		{"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"},
		{"BGTVT", "Bộ Giao thông vận tải", "Ministry of Transport"},
		{"BXD", "Bộ Xây dựng", "Ministry of Construction"},
		{"BTNMT", "Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"},
		{"BTTTT", "Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"},
		{"BLDTBXH", "Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs"},
		{"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"},
		{"BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"},
		{"BGDDT", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"},
		{"BYT", "Bộ Y tế", "Ministry of Health"},
		{"UBDT", "Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs"},
		{"NHNN", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"},
		{"TTCP", "Thanh tra Chính phủ", "Government Inspectorate"},
		{"VPCP", "Văn phòng Chính phủ", "Office of the Government"},
		{"BHXH", "Bảo hiểm xã hội Việt Nam", "Vietnam Social Security"},
		{"TTXVN", "Thông tấn xã Việt Nam", "Vietnam News Agency"},
		{"DTHVN", "Đài Truyền hình Việt Nam", "Vietnam Television"},
		{"DTNVN", "Đài Tiếng nói Việt Nam", "Voice of Vietnam"},
		{"HVCTQG", "Học viện Chính trị quốc gia Hồ Chí Minh", "Ho Chi Minh National Academy of Politics"},
		{"VHLKHCN", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Vietnam Academy of Science and Technology"},
		{"VHLKHXH", "Viện Hàn lâm Khoa học xã hội Việt Nam", "Vietnam Academy of Social Sciences"},
		{"UBQLV", "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "Commission for the Management of State Capital at Enterprises"},
	}
}

// placeSyllables make province names in the Vietnamese style ("Tân Hòa").
func placeSyllables() []string {
	return strings.Fields("An Bình Phú Tân Long Hòa Thạnh Hưng Sơn Hà Quang Thái Nam Bắc Đông Tây Trung Lạc " +
		"Vĩnh Thuận Phước Mỹ Gia Kiên Hải Ninh Cẩm Lâm Đức Thanh Xuân Hương Yên Bảo Định Khánh Lộc Quảng " +
		"Cao Tiên Châu Điện Hậu Hội Kim Lai Minh Nghĩa Phong Quế Tam Thủy Trà Tuyên Vân Vạn Hồng Ân Diên " +
		"Đại Hiệp Hoài Sa")
}

// placeName invents a province name not in taken: two syllables, or three
// when two keep colliding, or a number as the last resort.
func placeName(r *rand.Rand, taken map[string]bool) string {
	syl := placeSyllables()
	for words := 2; ; words++ {
		for range 12 {
			parts := make([]string, words)
			for i := range parts {
				parts[i] = syl[r.IntN(len(syl))]
			}
			name := strings.Join(parts, " ")
			if !taken[name] && (words > 2 || parts[0] != parts[1]) {
				taken[name] = true
				return name
			}
		}
	}
}

// personName invents a Vietnamese full name.
func personName(r *rand.Rand) string {
	family := strings.Fields("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
	middle := strings.Fields("Văn Thị Đức Minh Thanh Quang Thu Hồng Ngọc Xuân Hữu Quốc")
	given := strings.Fields("An Bình Cường Dũng Giang Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Minh " +
		"Nam Nga Phong Phương Quân Sơn Tâm Thảo Thắng Trang Trung Tuấn Vân Việt Yến")
	return family[r.IntN(len(family))] + " " + middle[r.IntN(len(middle))] + " " + given[r.IntN(len(given))]
}

// ascii strips Vietnamese diacritics and keeps the case ("Đức Hòa" -> "Duc Hoa").
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case !unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slug is a name as the local part of an e-mail address ("Trần Thị Hà" -> "tranthiha").
func slug(name string) string {
	return strings.ToLower(strings.ReplaceAll(ascii(name), " ", ""))
}
