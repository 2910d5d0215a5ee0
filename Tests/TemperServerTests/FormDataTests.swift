import Testing
@testable import TemperServer

@Suite("Form and query fields")
struct FormDataTests {
    @Test("Plus is a space, %XX a UTF-8 byte, repeats are kept in order")
    func decodes() {
        let form = FormData(urlEncoded: "team=billing+EU&agent=Chlo%C3%A9&reviewer=a&reviewer=b&empty=&flag")
        #expect(form["team"] == "billing EU")
        #expect(form["agent"] == "Chloé")
        #expect(form.all("reviewer") == ["a", "b"])
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form.nonEmpty("empty") == nil)
        #expect(form["missing"] == nil)
    }

    @Test("Broken escapes stay as written; invalid UTF-8 becomes U+FFFD; nothing crashes")
    func brokenInput() {
        #expect(FormData(urlEncoded: "a=%G1%&b=%")["a"] == "%G1%")
        #expect(FormData(urlEncoded: "a=%FF")["a"] == "\u{FFFD}")
        #expect(FormData(urlEncoded: "&&=x&&")["" ] == "x")
    }

    @Test("Encoding leaves only unreserved characters, and round-trips")
    func encodes() {
        let hostile = "<script>alert('x')</script> & \"quotes\" javascript:alert(1) /?#=+ é"
        let form = FormData([("q", hostile), ("n", "1")])
        let encoded = form.urlEncoded
        #expect(encoded.allSatisfy { $0.isLetter || $0.isNumber || "-._~%=&".contains($0) })
        #expect(FormData(urlEncoded: encoded) == form)
    }

    @Test("setting replaces every field of a name")
    func setting() {
        let form = FormData(urlEncoded: "a=1&b=2&a=3")
        #expect(form.setting("a", "9").urlEncoded == "b=2&a=9")
        #expect(form.setting("a", nil).urlEncoded == "b=2")
    }

    @Test("Whitespace trimming counts Unicode spaces")
    func trims() {
        #expect("\u{00A0} Ana \n".trimmingWhitespace == "Ana")
        #expect("   ".trimmingWhitespace == "")
    }
}
