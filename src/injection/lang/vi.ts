// Vietnamese. Isolating and verb-object; adjectives and possessors follow the noun ("các hướng dẫn
// trước đó", "hướng dẫn của bạn"); the imperative is marked by particles ("hãy", "đừng", "vui lòng")
// rather than by verb forms. Frequently typed without diacritics, so accents are optional.
import type { LangPack } from './types.js';

const r = String.raw;

export const vi: LangPack = {
  id: 'vi',
  writing: 'spaced',
  order: ['VO'],
  looseAccents: true,
  ignore: [
    r`bỏ qua`, r`phớt lờ`, r`lờ đi`, r`quên(?: đi)?`, r`không (?:tuân theo|làm theo|tuân thủ|nghe theo|quan tâm (?:đến|tới))`, r`đừng (?:làm theo|tuân theo|tuân thủ|nghe theo|quan tâm (?:đến|tới))`,
    r`bất chấp`, r`vượt qua`, r`gạt bỏ`, r`gạt sang một bên`, r`coi thường`, r`ngừng (?:làm theo|tuân theo)`, r`vô hiệu hóa`,
  ],
  ignoreSoft: [r`xóa(?: bỏ)?`, r`hủy(?: bỏ)?`, r`thay thế`, r`thay đổi`, r`tắt`, r`phá vỡ`, r`vi phạm`],
  prior: [r`tất cả(?: các| những)?`, r`mọi`, r`toàn bộ(?: các)?`, r`các`, r`những`, r`mấy`],
  priorStrict: [r`tất cả(?: các| những)?`, r`toàn bộ(?: các)?`],
  priorAfter: [
    r`trước(?: đó| đây)?`, r`ở trên`, r`phía trên`, r`bên trên`, r`ban đầu`, r`gốc`, r`cũ`, r`của (?:bạn|hệ thống|nhà phát triển)`, r`(?:đã|được) (?:được )?(?:cho|đưa|cung cấp|giao)`,
    r`hệ thống`, r`hiện tại`,
  ],
  rules: [
    r`hướng dẫn`, r`chỉ dẫn`, r`chỉ thị`, r`lệnh`, r`mệnh lệnh`, r`quy tắc`, r`quy định`, r`luật(?: lệ)?`, r`giới hạn`, r`hạn chế`, r`bộ lọc`,
    r`lời nhắc`, r`prompt`, r`nguyên tắc`, r`chính sách`, r`ràng buộc`, r`thiết lập`,
  ],
  rulesBroad: [r`nhiệm vụ`, r`thông tin`, r`ngữ cảnh`, r`tin nhắn`, r`yêu cầu`, r`văn bản`],
  everything: [r`mọi thứ`, r`tất cả mọi thứ`, r`tất cả những gì`, r`những gì (?:tôi|bạn|đã) [a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ ]*`, r`điều (?:đó|trên)`],
  reveal: [
    r`cho (?:tôi )?(?:biết|xem)`, r`hiển thị`, r`in ra`, r`tiết lộ`, r`nhắc lại`, r`lặp lại`, r`viết ra`, r`nói(?: ra)?`, r`đưa (?:cho tôi|ra)`, r`liệt kê`,
    r`chia sẻ`, r`là gì`, r`đánh vần`,
  ],
  secret: [
    r`mật khẩu`, r`(?:mã|từ|khóa) bí mật`, r`bí mật(?: của bạn)?`, r`lời nhắc (?:hệ thống|ban đầu)`, r`prompt (?:hệ thống|ban đầu)`,
    r`(?:các |những )?(?:hướng dẫn|chỉ dẫn|chỉ thị|quy tắc) (?:của bạn|hệ thống|ban đầu|gốc|bí mật|ẩn)`, r`những gì bạn (?:được|đã được) (?:dặn|bảo|hướng dẫn)`,
  ],
  secretYours: [r`(?:hướng dẫn|chỉ dẫn|chỉ thị|quy tắc|mật khẩu|bí mật|lời nhắc) (?:hệ thống )?của bạn`],
  secretHeads: [r`mật khẩu`, r`bí mật`, r`lời nhắc`, r`prompt`, r`hướng dẫn`, r`chỉ dẫn`, r`chỉ thị`, r`quy tắc`],
  stopwords: [r`không|những|được|người|của|bạn|tôi|hãy|với|trong|này|các|và|là|một|tất cả|khong|nhung|duoc|nguoi|hay la|bỏ qua|quên|hướng dẫn|mật khẩu|cho tôi`],
  negators: [r`không`, r`đừng`, r`chẳng`, r`chưa`],
  overrideExtra: [
    r`(?:các |những )?(?:hướng dẫn|chỉ dẫn|quy tắc) (?:trước đó|trước|ở trên) (?:không còn|đã bị hủy|là sai|vô hiệu)`, r`làm (?:ngược lại|điều ngược lại) (?:với )?những gì`,
  ],
  persona: [
    r`(?:từ bây giờ|kể từ bây giờ|từ giờ(?: trở đi)?|từ nay(?: trở đi)?)[, ]+(?:bạn|mày|em|cậu) (?:là|sẽ)`, r`bạn (?:bây giờ|giờ|hiện giờ) là`,
    r`(?:hãy )?(?:đóng vai|giả vờ|giả làm|hành động như|cư xử như|nhập vai|tưởng tượng (?:bạn|mình) là)`, r`giữ (?:nguyên )?vai`, r`không (?:được )?thoát vai`,
  ],
  unrestricted: [
    r`không (?:có )?(?:bất kỳ |bất cứ )?(?:giới hạn|hạn chế|bộ lọc|kiểm duyệt|quy tắc|đạo đức|luân lý|ràng buộc) nào`, r`không (?:bị )?(?:giới hạn|hạn chế|kiểm duyệt|ràng buộc)`,
    r`chế độ (?:nhà phát triển|developer|dan|không giới hạn)`, r`không kiểm duyệt`, r`ai (?:độc ác|xấu xa)`,
  ],
  refusal: [
    r`(?:không bao giờ|đừng|không được) (?:từ chối|xin lỗi|cảnh báo)`, r`trả lời (?:mọi|tất cả(?: các)?) (?:câu hỏi|yêu cầu)`, r`không (?:có |kèm )?(?:cảnh báo|lời xin lỗi)`,
  ],
  contextSwitch: [
    r`(?:nhiệm vụ|hướng dẫn|chỉ thị|lệnh) mới`, r`(?:bây giờ|giờ thì|giờ) (?:hãy )?(?:nói|viết|trả lời|in)`, r`thay vào đó`,
    r`(?:làm tốt lắm|tuyệt vời|xuất sắc|rất tốt|giỏi lắm)[!.,]+ (?:[^ .!?]+ ){0,12}(?:bây giờ|nhưng|giờ)`,
  ],
  addressed: [r`trong câu trả lời(?: của bạn)?`, r`câu trả lời của bạn (?:phải|nên|cần)`, r`(?:bắt đầu|kết thúc) câu trả lời`],
  directive: [r`(?:^|\n|[.!?:] )(?:hãy|vui lòng|xin hãy|xin vui lòng|đừng)`],
  extractionExtra: [
    r`(?:mật khẩu|bí mật|mã bí mật|từ bí mật|lời nhắc hệ thống|prompt hệ thống|(?:hướng dẫn|chỉ dẫn|quy tắc) (?:của bạn|hệ thống|ban đầu))(?: của bạn)? là (?:gì|cái gì)`,
    r`(?:nhắc lại|lặp lại|in ra|hiển thị|chép lại)(?: toàn bộ| tất cả)? (?:văn bản|nội dung|tin nhắn|những gì)? ?(?:ở )?(?:phía )?trên`,
  ],
  leakFormat: [r`viết ngược`, r`ngược lại`, r`từng chữ(?: cái| một)?`, r`mỗi chữ cái`, r`base64`, r`dưới dạng (?:bài )?thơ`],
};
