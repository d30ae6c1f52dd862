# scdoc's output, without the paragraph macros mandoc -Tlint calls
# redundant: a .P right after a heading or another .P, or right before a
# heading, the end of an indented block, another .P or the end of the page.
function redundant_after(line) { return line ~ /^\.(SH|SS|TH|P)( |$)/ }
function redundant_before(line) { return line ~ /^\.(SH|SS|RE|RS|P)( |$)/ }
{
    lines[NR] = $0
}
END {
    previous = ""
    for (i = 1; i <= NR; ++i) {
        if (lines[i] == ".P" && (redundant_after(previous) || i == NR || redundant_before(lines[i + 1])))
            continue
        print lines[i]
        previous = lines[i]
    }
}
