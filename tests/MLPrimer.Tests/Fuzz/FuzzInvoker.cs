using System.Reflection;
using System.Reflection.Emit;

namespace MLPrimer.Tests.Fuzz;

/// <summary>
/// Calls a method or constructor with boxed arguments through a small emitted stub, so parameters of type
/// <c>ReadOnlySpan&lt;T&gt;</c> / <c>Span&lt;T&gt;</c> (which reflection's Invoke refuses) can be fed from a <c>T[]</c>,
/// and a span result comes back as an array. Exceptions surface unwrapped (no TargetInvocationException).
/// </summary>
internal static class FuzzInvoker
{
    public delegate object? Call(object? target, object?[] args);

    /// <summary>True when the stub can pass every parameter (no ref/out, no pointers, spans only over arrays).</summary>
    public static bool CanCall(MethodBase method)
    {
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            if (t.IsByRef || t.IsPointer) return false;
            if (t.IsByRefLike && SpanElement(t) is null) return false;
        }
        if (method is MethodInfo mi && mi.ReturnType.IsByRefLike && SpanElement(mi.ReturnType) is null) return false;
        if (method is MethodInfo { ReturnType.IsByRef: true }) return false;
        return true;
    }

    /// <summary>Element type of Span&lt;T&gt; / ReadOnlySpan&lt;T&gt;, else null.</summary>
    public static Type? SpanElement(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Span<>) || t.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>))
            ? t.GetGenericArguments()[0] : null;

    public static Call Build(MethodBase method)
    {
        var dm = new DynamicMethod("fuzz_" + method.Name, typeof(object), [typeof(object), typeof(object[])], typeof(FuzzInvoker).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        if (!method.IsStatic && method is MethodInfo)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, method.DeclaringType!);
        }
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var t = parameters[i].ParameterType;
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            if (SpanElement(t) is { } element)
            {
                var array = element.MakeArrayType();
                il.Emit(OpCodes.Castclass, array);
                var implicitOp = t.GetMethod("op_Implicit", [array]) ?? throw new InvalidOperationException($"no T[] -> {t} conversion");
                il.Emit(OpCodes.Call, implicitOp);
            }
            else if (t.IsValueType) il.Emit(OpCodes.Unbox_Any, t);
            else il.Emit(OpCodes.Castclass, t);
        }
        if (method is ConstructorInfo ctor)
        {
            il.Emit(OpCodes.Newobj, ctor);
            if (ctor.DeclaringType!.IsValueType) il.Emit(OpCodes.Box, ctor.DeclaringType);
        }
        else
        {
            var mi = (MethodInfo)method;
            il.Emit(method.IsStatic || mi.DeclaringType!.IsValueType ? OpCodes.Call : OpCodes.Callvirt, mi);
            var ret = mi.ReturnType;
            if (ret == typeof(void)) il.Emit(OpCodes.Ldnull);
            else if (SpanElement(ret) is not null)
            {
                var local = il.DeclareLocal(ret);
                il.Emit(OpCodes.Stloc, local);
                il.Emit(OpCodes.Ldloca, local);
                il.Emit(OpCodes.Call, ret.GetMethod("ToArray", Type.EmptyTypes)!);
            }
            else if (ret.IsValueType) il.Emit(OpCodes.Box, ret);
        }
        il.Emit(OpCodes.Ret);
        return (Call)dm.CreateDelegate(typeof(Call));
    }
}
