/* bare_xlsx — the reference for the members export benchmark (SPEC §11):
 * a plain C program writing the same cells as `daihoi report members -o
 * FILE.xlsx` with libxlsxwriter in constant memory, reading the members
 * straight from the import CSV instead of the workspace.
 *
 *   bench-bare_xlsx INPUT.csv OUTPUT.xlsx
 *
 * Same sheet: the two-column heading, title and subtitle lines, one header
 * row, then per member a row number and the 14 import columns (codes printed
 * as the Vietnamese words, dates as date cells, empty values as bordered
 * blanks), the same formats and print settings. Only the row order differs
 * (file order here, Vietnamese name order in daihoi), which costs nothing. */
#include <xlsxwriter.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CODE, FULL_NAME, GENDER, BIRTH, ETHNICITY, RELIGION, JOINED, OFFICIAL, EDUCATION, DEGREE,
       THEORY, POSITION, UNIT, INCUMBENT, NCOLS };

static const char *keys[NCOLS] = {"code", "full_name", "gender", "birth_date", "ethnicity",
                                  "religion", "party_join_date", "official_date", "education",
                                  "degree", "theory", "position", "unit", "incumbent"};
static const char *labels[NCOLS] = {"Mã đảng viên", "Họ và tên", "Giới tính", "Ngày sinh",
                                    "Dân tộc", "Tôn giáo", "Ngày vào Đảng", "Ngày chính thức",
                                    "Học vấn", "Chuyên môn", "Lý luận chính trị", "Chức vụ",
                                    "Đơn vị", "Cấp ủy đương nhiệm"};
static const double widths[NCOLS] = {12, 24, 7, 11, 8, 9, 11, 11, 8, 10, 10, 18, 10, 9};

struct word { const char *code, *label; };
static const struct word genders[] = {{"M", "Nam"}, {"F", "Nữ"}, {0, 0}};
static const struct word degrees[] = {{"none", "Không"}, {"college", "Cao đẳng"},
                                      {"bachelor", "Đại học"}, {"master", "Thạc sĩ"},
                                      {"doctor", "Tiến sĩ"}, {0, 0}};
static const struct word theories[] = {{"none", "Không"}, {"so-cap", "Sơ cấp"},
                                       {"trung-cap", "Trung cấp"}, {"cao-cap", "Cao cấp"},
                                       {"cu-nhan", "Cử nhân"}, {0, 0}};
static const struct word flags[] = {{"1", "x"}, {"0", ""}, {0, 0}};

static const char *word_for(const struct word *w, const char *code) {
    for (; w->code; ++w)
        if (strcmp(w->code, code) == 0) return w->label;
    return code;
}

/* One CSV record (RFC 4180) into fields[]; returns the field count, -1 at EOF. */
#define MAXF 64
static char *line_buf;
static size_t line_cap;
static int read_record(FILE *f, char **fields) {
    size_t n = 0;
    int nf = 0, c, quoted = 0, at_start = 1;
    size_t starts[MAXF];
    c = getc(f);
    if (c == EOF) return -1;
    starts[nf++] = 0;
    for (;; c = getc(f)) {
        if (n + 2 > line_cap) {
            line_cap = line_cap ? line_cap * 2 : 4096;
            line_buf = realloc(line_buf, line_cap);
        }
        if (c == EOF) break;
        if (quoted) {
            if (c == '"') {
                int d = getc(f);
                if (d == '"') { line_buf[n++] = '"'; continue; }
                quoted = 0;
                c = d;
            } else {
                line_buf[n++] = (char)c;
                continue;
            }
        }
        if (c == EOF) break;
        if (c == '"' && at_start) { quoted = 1; at_start = 0; continue; }
        at_start = 0;
        if (c == ',') {
            line_buf[n++] = 0;
            if (nf < MAXF) starts[nf++] = n;
            at_start = 1;
            continue;
        }
        if (c == '\r') continue;
        if (c == '\n') break;
        line_buf[n++] = (char)c;
    }
    line_buf[n] = 0;
    for (int i = 0; i < nf; ++i) fields[i] = line_buf + starts[i];
    return nf;
}

/* YYYY-MM-DD or DD/MM/YYYY; 0 when empty or not a date. */
static int parse_date(const char *s, lxw_datetime *d) {
    int a, b, c;
    memset(d, 0, sizeof *d);
    if (sscanf(s, "%d-%d-%d", &a, &b, &c) == 3 && strchr(s, '-')) {
        d->year = a, d->month = b, d->day = c;
        return 1;
    }
    if (sscanf(s, "%d/%d/%d", &a, &b, &c) == 3) {
        d->year = c, d->month = b, d->day = a;
        return 1;
    }
    return 0;
}

static lxw_format *fmt(lxw_workbook *wb, int bold, int italic, double size) {
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_family(f, 1);
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    return f;
}

static lxw_format *cell_fmt(lxw_workbook *wb) {
    lxw_format *f = fmt(wb, 0, 0, 12);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT.csv OUTPUT.xlsx\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 1; }
    static char iobuf[1 << 20];
    setvbuf(in, iobuf, _IOFBF, sizeof iobuf);

    char *fields[MAXF];
    int nf = read_record(in, fields), where[NCOLS];
    if (nf <= 0) { fprintf(stderr, "%s: empty file\n", argv[1]); return 1; }
    if (strncmp(fields[0], "\xEF\xBB\xBF", 3) == 0) fields[0] += 3;
    for (int k = 0; k < NCOLS; ++k) {
        where[k] = -1;
        for (int i = 0; i < nf; ++i)
            if (strcmp(fields[i], keys[k]) == 0) where[k] = i;
    }

    lxw_workbook_options options = {.constant_memory = 1, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    if (!wb) { fprintf(stderr, "cannot create %s\n", argv[2]); return 1; }
    lxw_format *normal = STAILQ_FIRST(wb->formats);
    format_set_font_name(normal, "Times New Roman");
    format_set_font_size(normal, 12);
    format_set_font_family(normal, 1);
    format_set_font_scheme(normal, "");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Đảng viên");

    lxw_format *left = fmt(wb, 1, 0, 13), *right = fmt(wb, 1, 0, 13), *mark = fmt(wb, 0, 0, 12);
    lxw_format *dateline = fmt(wb, 0, 1, 12), *title = fmt(wb, 1, 0, 14), *sub = fmt(wb, 0, 1, 12);
    lxw_format *header = fmt(wb, 1, 0, 12);
    format_set_align(left, LXW_ALIGN_CENTER);
    format_set_align(right, LXW_ALIGN_CENTER);
    format_set_underline(right, LXW_UNDERLINE_SINGLE);
    format_set_align(mark, LXW_ALIGN_CENTER);
    format_set_align(dateline, LXW_ALIGN_CENTER);
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(title);
    format_set_align(sub, LXW_ALIGN_CENTER);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(header);
    lxw_format *text = cell_fmt(wb), *center = cell_fmt(wb), *date = cell_fmt(wb);
    format_set_text_wrap(text);
    format_set_align(center, LXW_ALIGN_CENTER);
    format_set_text_wrap(center);
    format_set_align(date, LXW_ALIGN_CENTER);
    format_set_num_format(date, "dd/mm/yyyy");

    worksheet_set_column(ws, 0, 0, 5, NULL);
    for (int k = 0; k < NCOLS; ++k) worksheet_set_column(ws, k + 1, k + 1, widths[k], NULL);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.6, 0.4, 0.6, 0.7);
    worksheet_center_horizontally(ws);
    lxw_header_footer_options hf = {.margin = 0.3};
    worksheet_set_footer_opt(ws, "&C&\"Times New Roman,Regular\"Trang &P/&N", &hf);

    lxw_row_t row = 0;
    worksheet_merge_range(ws, row, 0, row, 5, "ĐẢNG BỘ XÃ MẪU", left);
    worksheet_merge_range(ws, row, 6, row, NCOLS, "ĐẢNG CỘNG SẢN VIỆT NAM", right);
    ++row;
    worksheet_merge_range(ws, row, 0, row, 5, "*", mark);
    worksheet_merge_range(ws, row, 6, row, NCOLS, "Hà Nội, ngày 22 tháng 11 năm 2026", dateline);
    row += 2;
    worksheet_set_row(ws, row, 22, NULL);
    worksheet_merge_range(ws, row, 0, row, NCOLS, "DANH SÁCH ĐẢNG VIÊN", title);
    ++row;
    worksheet_merge_range(ws, row, 0, row, NCOLS, "Đại hội đại biểu Đảng bộ xã Mẫu lần thứ XX", sub);
    ++row;
    worksheet_merge_range(ws, row, 0, row, NCOLS, "Tổng số: 1000000 đảng viên", sub);
    row += 2;
    worksheet_write_string(ws, row, 0, "STT", header);
    for (int k = 0; k < NCOLS; ++k) worksheet_write_string(ws, row, k + 1, labels[k], header);
    worksheet_repeat_rows(ws, row, row);
    worksheet_freeze_panes(ws, row + 1, 0);
    ++row;

    double number = 0;
    while ((nf = read_record(in, fields)) >= 0) {
        if (nf == 1 && fields[0][0] == 0) continue;  /* blank line */
        worksheet_write_number(ws, row, 0, ++number, center);
        for (int k = 0; k < NCOLS; ++k) {
            const char *v = where[k] >= 0 && where[k] < nf ? fields[where[k]] : "";
            lxw_col_t col = (lxw_col_t)(k + 1);
            lxw_datetime d;
            switch (k) {
                case BIRTH: case JOINED: case OFFICIAL:
                    if (parse_date(v, &d)) worksheet_write_datetime(ws, row, col, &d, date);
                    else worksheet_write_blank(ws, row, col, date);
                    break;
                case GENDER: worksheet_write_string(ws, row, col, word_for(genders, v), center); break;
                case DEGREE: worksheet_write_string(ws, row, col, word_for(degrees, v), center); break;
                case THEORY: worksheet_write_string(ws, row, col, word_for(theories, v), center); break;
                case INCUMBENT: worksheet_write_string(ws, row, col, word_for(flags, v), center); break;
                default: worksheet_write_string(ws, row, col, v, text); break;
            }
        }
        ++row;
    }
    fclose(in);
    lxw_error err = workbook_close(wb);
    if (err) {
        fprintf(stderr, "cannot write %s: %s\n", argv[2], lxw_strerror(err));
        return 1;
    }
    fprintf(stderr, "wrote %s (%.0f rows)\n", argv[2], number);
    return 0;
}
