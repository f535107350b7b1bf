using System;
using System.Text;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// Writes C# text with managed indentation. Multi-line raw string literals passed to <see cref="WriteLine(string)"/>
/// are re-indented line by line, so emitters can keep code templates readable. Lines always end in '\n'.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation.");
        }

        _indent--;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        int start = 0;
        while (true)
        {
            int end = text.IndexOf('\n', start);
            string line = (end < 0 ? text.Substring(start) : text.Substring(start, end - start)).TrimEnd('\r');
            if (line.Length > 0)
            {
                for (int i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    /// <summary>Writes an XML doc element, escaped, one <c>///</c> line per source line.</summary>
    public void WriteDocElement(string element, string? text, string attributes = "")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        string[] lines = text!.Replace("\r", string.Empty).Trim().Split('\n');
        if (lines.Length == 1)
        {
            WriteLine($"/// <{element}{attributes}>{EscapeXml(lines[0].Trim())}</{element}>");
            return;
        }

        WriteLine($"/// <{element}{attributes}>");
        foreach (string line in lines)
        {
            string trimmed = line.TrimEnd();
            WriteLine(trimmed.Length == 0 ? "/// <para/>" : "/// " + EscapeXml(trimmed));
        }

        WriteLine($"/// </{element}>");
    }

    public override string ToString() => _builder.ToString();

    public static string EscapeXml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# regular string literal (quotes included) for arbitrary text.</summary>
    public static string Literal(string value)
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
                    if (c < ' ' || (c >= 0x7f && c <= 0x9f) || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
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

    /// <summary>A UTF-8 literal (<c>"name"u8</c>) for a JSON property name.</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";
}
