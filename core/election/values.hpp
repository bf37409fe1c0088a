// The value sets of elections (SPEC §5): each a Choices table of the code
// scripts see in JSON, the words people read (translated) and the
// Vietnamese words accepted as input. One table per set, so that parsing,
// the terminal, and "unknown value" errors agree.
#pragma once

#include "core/base/choice.hpp"

#include <string>
#include <string_view>

namespace daihoi::election {

// setup (chuẩn bị) → open (đang bầu) → closed (đã kết thúc) → sealed (niêm phong).
enum class Phase { Setup, Open, Closed, Sealed };
// The majority base: delegates convened (được triệu tập, Charter Art. 12.3),
// the valid ballots (phiếu hợp lệ), or a number fixed at create.
enum class BaseKind { Convened, Valid, Fixed };
// A candidate's result: trúng cử, trúng cử dự khuyết, số phiếu ngang nhau,
// không trúng cử; on a consultative ballot, which elects nobody, every name
// is ranked (xếp theo số phiếu).
enum class Status { Elected, Reserve, Tie, NotElected, Ranked };
// Why the rules make a ballot invalid (SPEC §5.3). A ballot the counting
// board ruled invalid carries the board's flag instead, free text.
enum class Reason { OverVote, AllCrossed };
// The body elected: ban chấp hành, đoàn đại biểu, ủy ban kiểm tra, other;
// or a consultative ballot (bỏ phiếu xin ý kiến), which elects nobody and
// ranks the names by votes.
enum class Body { Committee, Delegation, Inspection, Other, Consultation };
// Who nominated a candidate: the convening committee, the congress, the candidate.
enum class Source { Committee, Congress, Self };
// The ballot paper (SPEC §5.1): the voter crosses out the names he rejects
// (gạch tên), or, on a list without surplus, marks each row "Đồng ý" or
// "Không đồng ý" (Quy chế 244 Art. 17).
enum class Form { Cross, Agree };

const Choices<Phase>& phases();
const Choices<BaseKind>& base_kinds();
const Choices<Status>& statuses();
const Choices<Reason>& reasons();
const Choices<Body>& bodies();
const Choices<Source>& sources();
const Choices<Form>& forms();

std::string_view code(Phase p);     // "setup", "open", "closed", "sealed"
std::string_view code(BaseKind k);  // "convened", "valid", "fixed"
std::string_view code(Status s);    // "elected", "reserve", "tie", "not_elected", "ranked"
std::string_view code(Reason r);    // "over_vote", "all_crossed"
std::string_view code(Form f);      // "cross", "agree"

// An invalid ballot's reason as people read it: the words for over_vote
// and all_crossed, the counting board's flag as the board wrote it.
std::string reason_label(std::string_view reason);

}  // namespace daihoi::election
