#include "core/election/values.hpp"

namespace daihoi::election {

const Choices<Phase>& phases() {
    static const Choices<Phase> c{
        {Phase::Setup, "setup", NC_("election phase", "in preparation"), {"chuẩn bị"}},
        {Phase::Open, "open", NC_("election phase", "open"), {"đang bầu"}},
        {Phase::Closed, "closed", NC_("election phase", "closed"), {"đã kết thúc"}},
        {Phase::Sealed, "sealed", NC_("election phase", "sealed"), {"niêm phong"}},
    };
    return c;
}

const Choices<BaseKind>& base_kinds() {
    static const Choices<BaseKind> c{
        {BaseKind::Convened, "convened", NC_("majority base", "convened"), {"triệu tập", "được triệu tập"}},
        {BaseKind::Valid, "valid", N_("valid ballots"), {"hợp lệ", "phiếu hợp lệ"}},
        {BaseKind::Fixed, "fixed", N_("fixed"), {"cố định"}},
    };
    return c;
}

const Choices<Status>& statuses() {
    static const Choices<Status> c{
        {Status::Elected, "elected", N_("elected"), {"trúng cử"}},
        {Status::Reserve, "reserve", N_("elected as reserve"), {"dự khuyết"}},
        {Status::Tie, "tie", N_("tied"), {"ngang phiếu"}},
        {Status::NotElected, "not_elected", N_("not elected"), {"không trúng cử"}},
        {Status::Ranked, "ranked", N_("ranked (consultative ballot)"), {"xếp hạng"}},
    };
    return c;
}

const Choices<Reason>& reasons() {
    static const Choices<Reason> c{
        {Reason::OverVote, "over_vote", N_("more names kept than places"), {}},
        {Reason::AllCrossed, "all_crossed", N_("every name crossed out"), {}},
    };
    return c;
}

const Choices<Body>& bodies() {
    static const Choices<Body> c{
        {Body::Committee, "committee", N_("party committee"), {"ban chấp hành", "cấp ủy"}},
        {Body::Delegation, "delegation", N_("delegation"), {"đoàn đại biểu"}},
        {Body::Inspection, "inspection", N_("inspection committee"), {"ủy ban kiểm tra"}},
        {Body::Other, "other", N_("other body"), {"khác"}},
        {Body::Consultation, "consultation", N_("consultative ballot"), {"xin ý kiến", "bỏ phiếu xin ý kiến"}},
    };
    return c;
}

const Choices<Source>& sources() {
    static const Choices<Source> c{
        {Source::Committee, "committee", N_("convening committee"), {"ban chấp hành", "cấp ủy"}},
        {Source::Congress, "congress", N_("congress"), {"đại hội"}},
        {Source::Self, "self", N_("self-nomination"), {"tự ứng cử"}},
    };
    return c;
}

const Choices<Form>& forms() {
    static const Choices<Form> c{
        {Form::Cross, "cross", N_("names crossed out"), {"gạch", "gạch tên"}},
        {Form::Agree, "agree", N_("agree/disagree boxes"), {"đồng ý", "đồng ý không đồng ý", "đồng ý/không đồng ý"}},
    };
    return c;
}

std::string_view code(Phase p) { return phases().code(p); }
std::string_view code(BaseKind k) { return base_kinds().code(k); }
std::string_view code(Status s) { return statuses().code(s); }
std::string_view code(Reason r) { return reasons().code(r); }
std::string_view code(Form f) { return forms().code(f); }

std::string reason_label(std::string_view reason) {
    for (const auto& c : reasons().all())
        if (c.code == reason) return i18n::tr_packed(c.label);
    return std::string(reason);
}

}  // namespace daihoi::election
