using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// Reads YAML (or JSON, which is YAML) into the nodes of YamlTree.cs with an explicit stack, so that hostile
/// input (deep nesting, alias bombs, huge documents) ends in a diagnostic instead of a stack overflow.
/// </summary>
internal static class YamlLoader
{
    public const int MaxDepth = 128;
    public const int MaxNodes = 2_000_000;

    /// <summary>The longest spec text read, in characters; the real specs are well under 1 MB.</summary>
    public const int MaxLength = 8 * 1024 * 1024;

    public sealed class LoadException : Exception
    {
        public LoadException(string message, int line, int column, bool tooComplex = false)
            : base(message)
        {
            Line = line;
            Column = column;
            TooComplex = tooComplex;
        }

        public int Line { get; }

        public int Column { get; }

        public bool TooComplex { get; }
    }

    public static YamlNode? Load(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new LoadException($"the spec is {text.Length} characters long; the limit is {MaxLength}", 1, 1, tooComplex: true);
        }

        var parser = new Parser(new StringReader(text));
        var position = new Position();
        try
        {
            return LoadCore(parser, position);
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is null ? ex.Message : ex.Message + " " + ex.InnerException.Message;
            throw new LoadException(Shorten(StripMarkPrefix(message)), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // The parser ends a document early on some unclosed constructs; the last event read says where.
            // YamlDotNet's parser gives up with an InvalidOperationException when the text ends inside a flow
            // collection; the innermost open one is what the author has to close.
            Frame? flow = position.Open?.FirstOrDefault(f => f.IsFlow);
            if (flow is not null)
            {
                string kind = flow.Node is YamlMapping ? "flow mapping" : "flow sequence";
                string close = flow.Node is YamlMapping ? "}" : "]";
                throw new LoadException($"the {kind} opened here is never closed: a '{close}' is missing", flow.Node.Line, flow.Node.Column);
            }

            throw new LoadException("the document ends in the middle of a construct", position.Line, position.Column);
        }
    }

    /// <summary>Where the last event read started.</summary>
    private sealed class Position
    {
        public int Line { get; set; } = 1;

        public int Column { get; set; } = 1;

        /// <summary>The collections open at the last event, innermost first.</summary>
        public Stack<Frame>? Open { get; set; }
    }

    /// <summary>Text quoted from a spec into a message, cut so that a megabyte name cannot make a megabyte message.</summary>
    public static string Shorten(string text, int limit = 120) =>
        text.Length <= limit ? text : text.Substring(0, limit) + "…";

    private static YamlNode? LoadCore(Parser parser, Position position)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var open = new HashSet<YamlNode>();
        position.Open = stack;
        YamlNode? root = null;
        int nodes = 0;

        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        while (!parser.Accept<DocumentEnd>(out _))
        {
            ParsingEvent evt = parser.Consume<ParsingEvent>();
            int line = (int)evt.Start.Line;
            int column = (int)evt.Start.Column;
            position.Line = line;
            position.Column = column;
            if (++nodes > MaxNodes)
            {
                throw new LoadException($"the document has more than {MaxNodes} nodes", line, column, tooComplex: true);
            }

            YamlNode? completed = null;
            switch (evt)
            {
                case Scalar scalar:
                    CheckText(scalar.Value, line, column);
                    var node = new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, line, column);
                    Remember(anchors, scalar.Anchor, node);
                    completed = node;
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out completed))
                    {
                        throw new LoadException($"alias '*{Shorten(alias.Value.Value)}' names no anchor defined before it", line, column);
                    }

                    if (open.Contains(completed))
                    {
                        // The anchored node is still open: the alias would make it contain itself.
                        throw new LoadException($"alias '*{Shorten(alias.Value.Value)}' refers to a node that contains it, which makes an endless cycle", line, column);
                    }

                    break;
                case MappingStart mappingStart:
                    var mapping = new YamlMapping(line, column);
                    Remember(anchors, mappingStart.Anchor, mapping);
                    Push(stack, new Frame(mapping, mappingStart.Style == MappingStyle.Flow), line, column);
                    open.Add(mapping);
                    break;
                case SequenceStart sequenceStart:
                    var sequence = new YamlSequence(line, column);
                    Remember(anchors, sequenceStart.Anchor, sequence);
                    Push(stack, new Frame(sequence, sequenceStart.Style == SequenceStyle.Flow), line, column);
                    open.Add(sequence);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    completed = stack.Pop().Node;
                    open.Remove(completed);
                    break;
                default:
                    throw new LoadException($"unexpected YAML event {evt.GetType().Name}", line, column);
            }

            if (completed is null)
            {
                continue;
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            // Aliases can stack shallow nodes into a deep tree; the limit holds for the tree as the reader walks it.
            if (stack.Count + completed.Height > MaxDepth)
            {
                throw new LoadException($"nesting is deeper than {MaxDepth} levels (counting the nodes that aliases repeat)", line, column, tooComplex: true);
            }

            Frame parent = stack.Peek();
            parent.Node.Height = Math.Max(parent.Node.Height, completed.Height + 1);
            if (parent.Node is YamlSequence parentSequence)
            {
                parentSequence.Items.Add(completed);
            }
            else if (parent.PendingKey is null)
            {
                parent.PendingKey = completed as YamlScalar
                    ?? throw new LoadException("mapping keys must be scalars", completed.Line, completed.Column);
            }
            else
            {
                YamlScalar key = parent.PendingKey;
                parent.PendingKey = null;
                if (!((YamlMapping)parent.Node).Add(key, completed))
                {
                    throw new LoadException($"duplicate key '{Shorten(key.Value)}'", key.Line, key.Column);
                }
            }
        }

        return root;
    }

    /// <summary>Refuses text that no C# or UTF-8 literal can hold: an unpaired UTF-16 surrogate.</summary>
    private static void CheckText(string value, int line, int column)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new LoadException($"the text holds an unpaired surrogate (U+{(int)c:X4}), which is not a character", line, column);
            }
        }
    }

    private static void Push(Stack<Frame> stack, Frame frame, int line, int column)
    {
        if (stack.Count >= MaxDepth)
        {
            throw new LoadException($"nesting is deeper than {MaxDepth} levels", line, column, tooComplex: true);
        }

        stack.Push(frame);
    }

    private static void Remember(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic carries the position itself.
    private static string StripMarkPrefix(string message)
    {
        int index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(", StringComparison.Ordinal) && index > 0 ? message.Substring(index + 3) : message;
    }

    private sealed class Frame
    {
        public Frame(YamlNode node, bool isFlow)
        {
            Node = node;
            IsFlow = isFlow;
        }

        public bool IsFlow { get; }

        public YamlNode Node { get; }

        public YamlScalar? PendingKey { get; set; }
    }
}
