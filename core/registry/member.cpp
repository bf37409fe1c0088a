// The registry's value sets: the code each value is stored as, the words
// people read, and the Vietnamese words accepted as input.
#include "core/registry/member.hpp"

namespace daihoi::registry {

const Choices<Gender>& genders() {
    static const Choices<Gender> c{
        {Gender::Male, "M", N_("male"), {"nam"}},
        {Gender::Female, "F", N_("female"), {"nữ"}},
    };
    return c;
}

const Choices<Degree>& degrees() {
    static const Choices<Degree> c{
        {Degree::None, "none", N_("no degree"), {"không"}},
        {Degree::College, "college", N_("college"), {"cao đẳng"}},
        {Degree::Bachelor, "bachelor", N_("bachelor"), {"đại học", "cử nhân", "kỹ sư"}},
        {Degree::Master, "master", N_("master"), {"thạc sĩ"}},
        {Degree::Doctor, "doctor", N_("doctor"), {"tiến sĩ"}},
    };
    return c;
}

const Choices<Theory>& theories() {
    static const Choices<Theory> c{
        {Theory::None, "none", N_("no political theory"), {"không"}},
        {Theory::SoCap, "so-cap", N_("elementary political theory"), {"sơ cấp"}},
        {Theory::TrungCap, "trung-cap", N_("intermediate political theory"), {"trung cấp"}},
        {Theory::CaoCap, "cao-cap", N_("advanced political theory"), {"cao cấp"}},
        {Theory::CuNhan, "cu-nhan", N_("bachelor of political theory"), {"cử nhân"}},
    };
    return c;
}

// Quy định 366: the four grades of the yearly review, with and without "nhiệm vụ".
const Choices<Grade>& grades() {
    static const Choices<Grade> c{
        {Grade::KhongHoanThanh, "khong-hoan-thanh", N_("did not complete the tasks"),
         {"không hoàn thành nhiệm vụ"}},
        {Grade::HoanThanh, "hoan-thanh", N_("completed the tasks"), {"hoàn thành nhiệm vụ"}},
        {Grade::Tot, "tot", N_("completed the tasks well"), {"hoàn thành tốt nhiệm vụ"}},
        {Grade::XuatSac, "xuat-sac", N_("completed the tasks excellently"), {"hoàn thành xuất sắc nhiệm vụ"}},
    };
    return c;
}

}  // namespace daihoi::registry
