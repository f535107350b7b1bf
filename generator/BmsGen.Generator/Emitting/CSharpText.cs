using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// The one place where spec text becomes C# text, each form escaped for where it lands: string and UTF-8
/// literals, XML doc comment text, and plain <c>//</c> comments. Spec text may hold anything YAML can carry:
/// control characters, <c>&lt;</c> and <c>&amp;</c>, and the characters C# reads as line breaks (U+0085, U+2028,
/// U+2029), which would otherwise end a comment or a literal in the middle.
/// </summary>
internal static class CSharpText
{
    /// <summary>A C# regular string literal (quotes included) for arbitrary text.</summary>
    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (NeedsEscape(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>A UTF-8 literal (<c>"name"u8</c>) for a JSON property name. The loader refuses unpaired surrogates, which have no UTF-8 form.</summary>
    public static string Utf8Literal(string value) => StringLiteral(value) + "u8";

    /// <summary>
    /// The lines of a text for an XML doc comment, each escaped as XML character data: every C# line break
    /// (CR, LF, CRLF, U+0085, U+2028, U+2029) starts a new line; characters XML 1.0 cannot hold (controls,
    /// U+FFFE, U+FFFF) become U+FFFD; tabs become spaces.
    /// </summary>
    public static IReadOnlyList<string> DocLines(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsLineBreak(c))
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                lines.Add(line.ToString());
                line.Clear();
                continue;
            }

            AppendXml(line, c);
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>One line of XML doc text: line breaks become spaces, the rest as in <see cref="DocLines"/>.</summary>
    public static string DocText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (IsLineBreak(c))
            {
                builder.Append(' ');
            }
            else
            {
                AppendXml(builder, c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Text for a <c>//</c> comment: line breaks and control characters become spaces.</summary>
    public static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(IsLineBreak(c) || char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>The characters C# ends a line at (and so ends a <c>//</c> comment or a regular literal at).</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private static bool NeedsEscape(char c) =>
        c < ' ' || (c >= '\u007f' && c <= '\u009f') || c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff' || char.IsSurrogate(c);

    private static void AppendXml(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '&': builder.Append("&amp;"); break;
            case '<': builder.Append("&lt;"); break;
            case '>': builder.Append("&gt;"); break;
            case '\t': builder.Append(' '); break;
            default:
                builder.Append(char.IsControl(c) || c is '\ufffe' or '\uffff' ? '\ufffd' : c);
                break;
        }
    }
}
