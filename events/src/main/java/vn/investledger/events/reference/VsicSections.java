package vn.investledger.events.reference;

import java.util.List;
import java.util.Optional;

/**
 * The 21 sections of VSIC 2018.
 */
public final class VsicSections {

	private static final List<VsicSection> SECTIONS = List.of(
			new VsicSection("A", "Nông nghiệp, lâm nghiệp và thủy sản", 1, 3),
			new VsicSection("B", "Khai khoáng", 5, 9), new VsicSection("C", "Công nghiệp chế biến, chế tạo", 10, 33),
			new VsicSection("D", "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí", 35,
					35),
			new VsicSection("E", "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải", 36, 39),
			new VsicSection("F", "Xây dựng", 41, 43),
			new VsicSection("G", "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác", 45, 47),
			new VsicSection("H", "Vận tải kho bãi", 49, 53), new VsicSection("I", "Dịch vụ lưu trú và ăn uống", 55, 56),
			new VsicSection("J", "Thông tin và truyền thông", 58, 63),
			new VsicSection("K", "Hoạt động tài chính, ngân hàng và bảo hiểm", 64, 66),
			new VsicSection("L", "Hoạt động kinh doanh bất động sản", 68, 68),
			new VsicSection("M", "Hoạt động chuyên môn, khoa học và công nghệ", 69, 75),
			new VsicSection("N", "Hoạt động hành chính và dịch vụ hỗ trợ", 77, 82),
			new VsicSection("O",
					"Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh quốc phòng; bảo đảm xã hội bắt buộc",
					84, 84),
			new VsicSection("P", "Giáo dục và đào tạo", 85, 85),
			new VsicSection("Q", "Y tế và hoạt động trợ giúp xã hội", 86, 88),
			new VsicSection("R", "Nghệ thuật, vui chơi và giải trí", 90, 93),
			new VsicSection("S", "Hoạt động dịch vụ khác", 94, 96),
			new VsicSection("T",
					"Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất và dịch vụ tự tiêu dùng của hộ gia đình",
					97, 98),
			new VsicSection("U", "Hoạt động của các tổ chức và cơ quan quốc tế", 99, 99));

	private VsicSections() {
	}

	public static List<VsicSection> all() {
		return SECTIONS;
	}

	public static Optional<VsicSection> find(String letter) {
		return SECTIONS.stream().filter((section) -> section.letter().equals(letter)).findFirst();
	}

}
